package io.sockguard.e2e;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.learn.AccessLogReader;
import io.sockguard.learn.PolicySuggester;
import io.sockguard.testing.DockerCli;
import io.sockguard.testing.PrivateDocker;
import io.sockguard.testing.RunningProxy;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Policy learning with the real CLI: a workload runs through a permissive proxy, {@code suggest} turns its access log
 * into rules, and the same workload then runs under those rules with no denial while anything else is refused.
 */
@Tag("e2e")
class SuggestRoundTripWithDockerTest {
  private static final String ACKNOWLEDGEMENTS =
      """
      [response]
      insecure_allow_read_exfiltration = true
      [request_body]
      insecure_allow_body_blind_writes = true
      """;

  @Test
  void rulesLearnedFromAWorkloadAllowExactlyThatWorkload() throws Exception {
    PrivateDocker docker = PrivateDocker.require();
    Consumer<DockerCli> workload =
        cli -> {
          String name = "learn-" + UUID.randomUUID().toString().substring(0, 8);
          cli.run("ps", "-a").assertSuccess();
          cli.run("images").assertSuccess();
          cli.run("run", "--rm", "--name", name, "--network", "none", docker.image(), "echo", "learned")
              .assertSuccess();
        };
    String log;
    try (RunningProxy learning =
        RunningProxy.start(
            "[[rules]]\nmatch = { method = \"*\", path = \"/**\" }\naction = \"allow\"\n" + ACKNOWLEDGEMENTS,
            docker.socket())) {
      workload.accept(DockerCli.forHost(learning.dockerHost()));
      log = String.join("\n", learning.logLines());
    }
    AccessLogReader.Result observed = AccessLogReader.read(new BufferedReader(new StringReader(log)));
    String suggested = PolicySuggester.suggest(observed.requests(), Optional.empty()).toToml();
    assertTrue(suggested.contains("/containers/create"), suggested);

    try (RunningProxy enforcing = RunningProxy.start(suggested + ACKNOWLEDGEMENTS, docker.socket())) {
      DockerCli cli = DockerCli.forHost(enforcing.dockerHost());
      workload.accept(cli);
      List<String> denials =
          enforcing.logLines().stream().filter(l -> l.contains("\"decision\":\"deny\"")).toList();
      assertTrue(denials.isEmpty(), "the learned policy denied part of its own workload: " + denials);
      DockerCli.Result outside = cli.run("network", "ls");
      assertNotEquals(0, outside.exitCode(), "a call outside the workload is refused");
      assertTrue(outside.err().contains("sockguard:"), outside.err());
    }
  }
}
