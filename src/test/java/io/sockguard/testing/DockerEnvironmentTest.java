package io.sockguard.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Proves the private dockerd and the test image work on their own, before any proxy is involved.
 */
@Tag("e2e")
class DockerEnvironmentTest {

  private final PrivateDocker docker = PrivateDocker.require();
  private final DockerCli cli = docker.cli();

  @Test
  void daemonAnswersTheCliVersionCommand() {
    DockerCli.Result result = cli.run("version", "--format", "{{.Server.APIVersion}}");

    result.assertSuccess();
    assertFalse(result.out().isBlank(), result.toString());
  }

  @Test
  void runsAContainerFromTheTestImage() {
    DockerCli.Result result =
        cli.run("run", "--rm", "--network", "none", docker.image(), "echo", "hi");

    assertEquals("hi\n", result.assertSuccess().out());
  }

  @Test
  void passesStandardInputToAContainer() {
    DockerCli.Result result =
        cli.runWithStdin(
            "hello from stdin".getBytes(UTF_8),
            "run",
            "--rm",
            "-i",
            "--network",
            "none",
            docker.image(),
            "cat");

    assertEquals("hello from stdin", result.assertSuccess().out());
  }

  @Test
  void followsTheLogsOfARunningContainer() {
    String id =
        cli.run(
                "run",
                "-d",
                "--network",
                "none",
                docker.image(),
                "sh",
                "-c",
                "echo first; exec sleep 300")
            .assertSuccess()
            .out()
            .strip();
    Process logs = cli.start("logs", "-f", id);
    try {
      OutputCollector output = OutputCollector.stdout(logs);

      output.awaitText("first\n", Duration.ofSeconds(30));
      assertFalse(output.hasEnded(), "logs -f keeps following a running container");
    } finally {
      logs.destroyForcibly();
      cli.run("rm", "-f", id);
    }
  }

  @Test
  void streamsContainerEvents() {
    String label = "io.sockguard.test=" + UUID.randomUUID();
    cli.run("run", "--rm", "--network", "none", "--label", label, docker.image(), "true")
        .assertSuccess();
    // --since replays the events above and then keeps streaming, so there is no race with the run.
    Process events =
        cli.start(
            "events", "--since", "10m", "--filter", "label=" + label, "--format", "{{.Action}}");
    try {
      OutputCollector output = OutputCollector.stdout(events);

      output.awaitText("destroy\n", Duration.ofSeconds(30));
      assertFalse(output.hasEnded(), "events keeps streaming");
    } finally {
      events.destroyForcibly();
    }
  }
}
