package io.sockguard.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.testing.DockerCli;
import io.sockguard.testing.Poll;
import io.sockguard.testing.PrivateDocker;
import io.sockguard.testing.RunningProxy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every everyday Docker CLI workflow, driven by the real docker client through sockguard to a real dockerd. */
@Tag("e2e")
class DockerCliThroughProxyTest {
  private static final String ALLOW_ALL =
      """
      [[rules]]
      match = { method = "*", path = "/**" }
      action = "allow"
      [response]
      insecure_allow_read_exfiltration = true
      [request_body]
      insecure_allow_body_blind_writes = true
      [request_body.image_pull]
      allow_all_registries = true
      """;

  @TempDir static Path temp;
  private static PrivateDocker docker;
  private static RunningProxy proxy;
  private static DockerCli tcp;
  private static DockerCli unix;

  @BeforeAll
  static void start() {
    docker = PrivateDocker.require();
    Path socket = temp.resolve("sockguard.sock");
    proxy =
        RunningProxy.start(
            ALLOW_ALL + "[listen]\naddress = \"127.0.0.1:0\"\nsocket = \"" + socket + "\"\n", docker.socket());
    tcp = DockerCli.forHost(proxy.dockerHost()).withEnv("DOCKER_BUILDKIT", "0");
    unix = DockerCli.forHost("unix://" + socket);
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  private static String name(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void versionPsAndImagesWorkOverTcpAndUnix() {
    for (DockerCli cli : List.of(tcp, unix)) {
      assertFalse(cli.run("version", "--format", "{{.Server.Version}}").assertSuccess().out().isBlank());
      cli.run("ps", "-a").assertSuccess();
      assertTrue(cli.run("images").assertSuccess().out().contains("sockguard-test/busybox"));
    }
  }

  @Test
  void runRemovesContainerAndPropagatesExitCodes() {
    assertEquals("hello\n", tcp.run("run", "--rm", "--network", "none", docker.image(), "echo", "hello")
        .assertSuccess().out());
    assertEquals(7, tcp.run("run", "--rm", "--network", "none", docker.image(), "sh", "-c", "exit 7").exitCode());
    assertEquals("via-unix\n", unix.run("run", "--rm", "--network", "none", docker.image(), "echo", "via-unix")
        .assertSuccess().out());
  }

  @Test
  void runInteractiveCarries32MiBOfStdinIntact() throws Exception {
    byte[] input = new byte[32 * 1024 * 1024];
    new Random(42).nextBytes(input);
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(input));
    DockerCli.Result result =
        tcp.withTimeout(Duration.ofSeconds(120))
            .runWithStdin(input, "run", "--rm", "-i", "--network", "none", docker.image(), "md5sum");
    result.assertSuccess();
    assertTrue(result.out().startsWith(expected), result.out());
  }

  @Test
  void execWithStdinReturnsAfterStdinEnds() {
    String container = name("exec");
    tcp.run("run", "-d", "--name", container, "--network", "none", docker.image(), "sleep", "300").assertSuccess();
    try {
      DockerCli.Result cat = tcp.runWithStdin("x\n".getBytes(UTF_8), "exec", "-i", container, "cat");
      cat.assertSuccess();
      assertEquals("x\n", cat.out());
      assertEquals(3, tcp.run("exec", container, "sh", "-c", "exit 3").exitCode());
      DockerCli.Result tty = tcp.run("exec", "-t", container, "echo", "tty");
      assertEquals(0, tty.exitCode(), tty.toString());
      assertTrue(tty.out().contains("tty"), tty.out());
    } finally {
      tcp.run("rm", "-f", container);
    }
  }

  @Test
  void leavesNoConnectionsBehindAfterHijacksAndAbandonedStreams() {
    String container = name("leak");
    tcp.run("run", "-d", "--name", container, "--network", "none", docker.image(), "sleep", "300").assertSuccess();
    try {
      for (int i = 0; i < 3; i++) {
        tcp.runWithStdin(("round" + i + "\n").getBytes(UTF_8), "exec", "-i", container, "cat").assertSuccess();
      }
      Process events = tcp.start("events");
      Poll.until(Duration.ofSeconds(5), "events stream open", () -> proxy.sockguard().activeConnections() > 0);
      events.destroyForcibly();
      Poll.until(
          Duration.ofSeconds(10),
          "every client connection is closed once its client is gone",
          () -> proxy.sockguard().activeConnections() == 0);
    } finally {
      tcp.run("rm", "-f", container);
    }
  }

  @Test
  void logsFollowDeliversLinesAsTheyAreWritten() throws Exception {
    String container = name("logs");
    tcp.run("run", "-d", "--name", container, "--network", "none", docker.image(), "sh", "-c",
        "i=0; while true; do echo line$i; i=$((i+1)); sleep 0.3; done").assertSuccess();
    Process follow = tcp.start("logs", "-f", container);
    try {
      List<String> lines = readLinesInBackground(follow);
      Poll.until(Duration.ofSeconds(10), "logs -f delivers several lines live", () -> lines.size() >= 5);
      assertTrue(follow.isAlive(), "logs -f is still following");
    } finally {
      follow.destroyForcibly();
      tcp.run("rm", "-f", container);
    }
  }

  @Test
  void eventsArriveWithinASecond() throws Exception {
    Process events = tcp.start("events", "--format", "{{.Action}} {{.Actor.Attributes.name}}");
    String container = name("events");
    try {
      List<String> lines = readLinesInBackground(events);
      // the stream is open once the daemon has answered; a create gives the first event
      Poll.until(Duration.ofSeconds(5), "events stream is attached", () -> {
        tcp.run("create", "--name", container + "-probe", "--network", "none", docker.image(), "true");
        tcp.run("rm", "-f", container + "-probe");
        return !lines.isEmpty();
      });
      long before = System.nanoTime();
      tcp.run("create", "--name", container, "--network", "none", docker.image(), "true").assertSuccess();
      Poll.until(Duration.ofSeconds(1), "create event within a second",
          () -> lines.stream().anyMatch(l -> l.equals("create " + container)));
      assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(3));
    } finally {
      events.destroyForcibly();
      tcp.run("rm", "-f", container);
    }
  }

  @Test
  void copiesFilesBothWays() throws Exception {
    String container = name("cp");
    tcp.run("run", "-d", "--name", container, "--network", "none", docker.image(), "sleep", "300").assertSuccess();
    try {
      Path file = temp.resolve("in.txt");
      Files.writeString(file, "copied in and out\n");
      tcp.run("cp", file.toString(), container + ":/in.txt").assertSuccess();
      assertEquals("copied in and out\n", tcp.run("exec", container, "cat", "/in.txt").assertSuccess().out());
      Path back = temp.resolve("back.txt");
      tcp.run("cp", container + ":/in.txt", back.toString()).assertSuccess();
      assertEquals("copied in and out\n", Files.readString(back));
    } finally {
      tcp.run("rm", "-f", container);
    }
  }

  @Test
  void buildsFromScratchWithCopy() throws Exception {
    Path context = Files.createDirectories(temp.resolve("ctx"));
    Files.writeString(context.resolve("hello.txt"), "built\n");
    Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /hello.txt\n");
    String tag = "sockguard-test/built:" + UUID.randomUUID().toString().substring(0, 8);
    try {
      DockerCli.Result build = tcp.withTimeout(Duration.ofSeconds(120)).run("build", "-t", tag, context.toString());
      assertEquals(0, build.exitCode(), build.toString());
      assertTrue(tcp.run("images", "--format", "{{.Repository}}:{{.Tag}}").out().contains(tag));
    } finally {
      tcp.run("rmi", "-f", tag);
    }
  }

  @Test
  void pullFailsCleanlyWithoutRegistry() {
    DockerCli.Result pull = tcp.withTimeout(Duration.ofSeconds(90)).run("pull", "sockguard-test/does-not-exist:1");
    assertNotEquals(0, pull.exitCode());
    assertFalse(pull.err().contains("sockguard:"), "the failure is the daemon's, not the proxy's: " + pull.err());
    tcp.run("version").assertSuccess();
  }

  @Test
  void readOnlyPolicyRefusesRunWithSockguardMessage() {
    String readOnly =
        """
        [[rules]]
        match = { method = "GET", path = "/_ping" }
        action = "allow"
        [[rules]]
        match = { method = "HEAD", path = "/_ping" }
        action = "allow"
        [[rules]]
        match = { method = "GET", path = "/containers/json" }
        action = "allow"
        [[rules]]
        match = { method = "*", path = "/**" }
        action = "deny"
        reason = "read-only test policy"
        """;
    String container = name("refused");
    try (RunningProxy strict = RunningProxy.start(readOnly, docker.socket())) {
      DockerCli cli = DockerCli.forHost(strict.dockerHost());
      cli.run("ps").assertSuccess();
      DockerCli.Result run = cli.run("run", "--rm", "--name", container, "--network", "none", docker.image(), "true");
      assertNotEquals(0, run.exitCode());
      assertTrue(run.err().contains("sockguard: POST /containers/create is denied by rule 3: read-only test policy"),
          run.err());
    }
    DockerCli.Result inspect = DockerCli.forUnixSocket(docker.socket()).run("inspect", container);
    assertNotEquals(0, inspect.exitCode(), "the daemon never created the refused container");
  }

  private static List<String> readLinesInBackground(Process process) {
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread.ofVirtual().start(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          lines.add(line);
        }
      } catch (java.io.IOException e) {
        // the process was destroyed
      }
    });
    return lines;
  }
}
