package io.sockguard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.testing.DockerCli;
import io.sockguard.testing.OutputCollector;
import io.sockguard.testing.Poll;
import io.sockguard.testing.PrivateDocker;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sockguard serve} as a real process: a SIGHUP storm with a changed file swaps the policy for new requests,
 * while a {@code docker logs -f} stream opened before keeps flowing, and the process survives every signal.
 */
@Tag("e2e")
class HotReloadThroughCliTest {
  @TempDir Path dir;

  private static String config(int port, Path upstream, boolean allowInfo) {
    return """
        [listen]
        address = "127.0.0.1:%d"
        [upstream]
        socket = "%s"
        [reload]
        enabled = true
        [response]
        insecure_allow_read_exfiltration = true
        [request_body]
        insecure_allow_body_blind_writes = true
        [[rules]]
        match = { method = "GET", path = "/info" }
        action = "%s"
        [[rules]]
        match = { method = "*", path = "/**" }
        action = "allow"
        """
        .formatted(port, upstream, allowInfo ? "allow" : "deny");
  }

  @Test
  void sighupStormReloadsOnceConsistentlyWithoutCuttingStreams() throws Exception {
    PrivateDocker docker = PrivateDocker.require();
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path file = dir.resolve("sockguard.toml");
    Files.writeString(file, config(port, docker.socket(), false));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java.toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "io.sockguard.cli.Main",
                "serve",
                "--config",
                file.toString())
            .redirectErrorStream(true);
    // sockguard refuses SOCKGUARD_* variables it does not know, such as the test suite's own
    builder.environment().keySet().removeIf(name -> name.startsWith("SOCKGUARD_"));
    Process sockguard = builder.start();
    sockguard.getOutputStream().close();
    OutputCollector log = OutputCollector.stdout(sockguard);
    DockerCli cli = DockerCli.forHost("tcp://127.0.0.1:" + port);
    String container = "reload-" + UUID.randomUUID().toString().substring(0, 8);
    try {
      log.awaitText("sockguard started", Duration.ofSeconds(30));
      assertNotEquals(0, cli.run("info").exitCode(), "info is denied before the reload");
      cli.run("run", "-d", "--name", container, "--network", "none", docker.image(), "sh", "-c",
          "i=0; while true; do echo tick$i; i=$((i+1)); sleep 0.2; done").assertSuccess();
      Process follow = cli.start("logs", "-f", container);
      OutputCollector lines = OutputCollector.stdout(follow);
      lines.awaitText("tick3", Duration.ofSeconds(10));

      Files.writeString(file, config(port, docker.socket(), true));
      for (int i = 0; i < 100; i++) {
        new ProcessBuilder("kill", "-HUP", Long.toString(sockguard.pid())).start();
      }
      Poll.until(Duration.ofSeconds(15), "the new rule is in force", () -> cli.run("info").exitCode() == 0);

      String seen = lines.text();
      int before = seen.split("\n").length;
      Poll.until(Duration.ofSeconds(10), "the stream opened before the reload still flows",
          () -> lines.text().split("\n").length > before + 3);
      assertTrue(follow.isAlive(), "logs -f survived the reload");
      assertTrue(sockguard.isAlive(), "SIGHUP reloads instead of terminating");
      follow.destroyForcibly();

      long reloads = log.text().lines().filter(l -> l.contains("\"msg\":\"config reloaded\"")).count();
      assertTrue(reloads >= 1 && reloads < 100, "coalesced reloads: " + reloads);
      assertEquals(0, log.text().lines().filter(l -> l.contains("reload rejected")).count(), log.text());
      List<String> threads =
          List.of(new String(new ProcessBuilder("ls", "/proc/" + sockguard.pid() + "/task").start()
              .getInputStream().readAllBytes()).split("\n"));
      assertTrue(threads.size() < 60, "no thread leak after 100 signals: " + threads.size());
    } finally {
      DockerCli.forUnixSocket(docker.socket()).run("rm", "-f", container);
      sockguard.destroy();
      sockguard.waitFor();
    }
  }
}
