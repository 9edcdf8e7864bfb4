package io.sockguard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.testing.DockerCli;
import io.sockguard.testing.OutputCollector;
import io.sockguard.testing.Poll;
import io.sockguard.testing.PrivateDocker;
import io.sockguard.testing.RunningProxy;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A label-restricted caller sees only its own containers, in lists, events and per-container calls. */
@Tag("e2e")
class VisibleLabelsThroughProxyTest {
  @Test
  void psEventsAndInspectShowOnlyLabelledContainers() throws Exception {
    PrivateDocker docker = PrivateDocker.require();
    DockerCli direct = DockerCli.forUnixSocket(docker.socket());
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String mine = "mine-" + tag;
    String theirs = "theirs-" + tag;
    try (RunningProxy proxy =
        RunningProxy.start(
            """
            [[rules]]
            match = { method = "*", path = "/**" }
            action = "allow"
            [response]
            insecure_allow_read_exfiltration = true
            visible_resource_labels = ["sockguard.test=%s"]
            [request_body]
            insecure_allow_body_blind_writes = true
            """
                .formatted(tag),
            docker.socket())) {
      DockerCli cli = DockerCli.forHost(proxy.dockerHost());
      Process events = cli.start("events", "--format", "{{.Action}} {{.Actor.Attributes.name}}");
      OutputCollector seen = OutputCollector.stdout(events);
      Poll.until(Duration.ofSeconds(5), "events stream open", () -> proxy.sockguard().activeConnections() > 0);

      direct.run("create", "--name", theirs, "--network", "none", docker.image(), "true").assertSuccess();
      direct.run("create", "--name", mine, "--label", "sockguard.test=" + tag, "--network", "none", docker.image(),
          "true").assertSuccess();
      seen.awaitText("create " + mine, Duration.ofSeconds(5));
      assertFalse(seen.text().contains(theirs), "the hidden container's events are filtered: " + seen.text());
      events.destroyForcibly();

      String ps = cli.run("ps", "-a", "--format", "{{.Names}}").assertSuccess().out();
      assertTrue(ps.contains(mine), ps);
      assertFalse(ps.contains(theirs), ps);

      assertEquals(0, cli.run("inspect", mine).exitCode());
      DockerCli.Result hidden = cli.run("inspect", theirs);
      assertNotEquals(0, hidden.exitCode());
      assertTrue(hidden.err().contains("No such"), hidden.err());
      DockerCli.Result logs = cli.run("logs", theirs);
      assertNotEquals(0, logs.exitCode());
      assertTrue(logs.err().contains("No such container"), logs.err());
      DockerCli.Result remove = cli.run("rm", theirs);
      assertNotEquals(0, remove.exitCode());
      assertEquals(0, direct.run("inspect", theirs).exitCode(), "the hidden container was not touched");
    } finally {
      direct.run("rm", "-f", mine);
      direct.run("rm", "-f", theirs);
    }
  }
}
