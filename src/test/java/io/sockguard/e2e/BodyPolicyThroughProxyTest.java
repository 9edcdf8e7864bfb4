package io.sockguard.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.testing.DockerCli;
import io.sockguard.testing.PrivateDocker;
import io.sockguard.testing.RunningProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The classic escapes from a socket proxy, tried with the real docker CLI: each is refused with sockguard's message,
 * and the daemon never creates the container. Their harmless twins work.
 */
@Tag("e2e")
class BodyPolicyThroughProxyTest {
  @TempDir static Path temp;
  private static PrivateDocker docker;
  private static RunningProxy proxy;
  private static DockerCli cli;
  private static DockerCli direct;
  private static Path allowedDir;

  @BeforeAll
  static void start() throws Exception {
    docker = PrivateDocker.require();
    allowedDir = Files.createDirectories(temp.resolve("allowed"));
    Files.writeString(allowedDir.resolve("file.txt"), "from the host\n");
    Files.createSymbolicLink(allowedDir.resolve("root-link"), Path.of("/"));
    proxy =
        RunningProxy.start(
            """
            [[rules]]
            match = { method = "*", path = "/**" }
            action = "allow"
            [response]
            insecure_allow_read_exfiltration = true
            [request_body]
            insecure_allow_body_blind_writes = true
            [request_body.container_create]
            allowed_bind_mounts = ["%s"]
            [request_body.exec]
            allowed_commands = [["cat", "/file.txt"], ["echo", "ok"]]
            """
                .formatted(allowedDir),
            docker.socket());
    cli = DockerCli.forHost(proxy.dockerHost());
    direct = DockerCli.forUnixSocket(docker.socket());
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  private static String name() {
    return "body-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          privileged             | --privileged                         | Privileged
          bind of host root      | -v /:/host                           | Binds
          bind through a symlink | -v ALLOWED/root-link:/host           | Binds
          bind escaping with ..  | -v ALLOWED/../../etc:/host           | Binds
          mount of host root     | --mount type=bind,src=/,dst=/host    | Mounts
          host pid namespace     | --pid host                           | PidMode
          capability SYS_ADMIN   | --cap-add SYS_ADMIN                  | CapAdd
          device                 | --device /dev/null:/dev/x            | Devices
          unconfined seccomp     | --security-opt seccomp=unconfined    | SecurityOpt
          """)
  void refusesDangerousRunWithReadableErrorAndDaemonNeverCreatesIt(String caseName, String flags, String field) {
    String container = name();
    List<String> args = new ArrayList<>(List.of("run", "--rm", "--name", container, "--network", "none"));
    for (String flag : flags.split(" ")) {
      args.add(flag.replace("ALLOWED", allowedDir.toString()));
    }
    args.addAll(List.of(docker.image(), "true"));
    DockerCli.Result run = cli.run(args.toArray(String[]::new));
    assertNotEquals(0, run.exitCode(), caseName);
    assertTrue(run.err().contains("sockguard:"), caseName + ": " + run.err());
    assertTrue(run.err().contains(field), caseName + " names the field: " + run.err());
    assertNotEquals(0, direct.run("inspect", container).exitCode(), caseName + ": the daemon never saw it");
  }

  @Test
  void allowedBindAndNamedVolumeWork() {
    DockerCli.Result bind =
        cli.run("run", "--rm", "--network", "none", "-v", allowedDir + ":/x:ro", docker.image(), "cat", "/x/file.txt");
    assertEquals("from the host\n", bind.assertSuccess().out());
    String volume = name();
    try {
      cli.run("run", "--rm", "--network", "none", "-v", volume + ":/data", docker.image(), "sh", "-c",
          "echo kept > /data/f").assertSuccess();
      assertEquals("kept\n",
          cli.run("run", "--rm", "--network", "none", "-v", volume + ":/data", docker.image(), "cat", "/data/f")
              .assertSuccess().out());
    } finally {
      direct.run("volume", "rm", "-f", volume);
    }
  }

  @Test
  void execAllowsListedArgvAndRefusesOthers() {
    String container = name();
    cli.run("run", "-d", "--name", container, "--network", "none", "-v", allowedDir + ":/mnt:ro", docker.image(),
        "sleep", "300").assertSuccess();
    try {
      assertEquals("ok\n", cli.run("exec", container, "echo", "ok").assertSuccess().out());
      DockerCli.Result refused = cli.run("exec", container, "sh", "-c", "id");
      assertNotEquals(0, refused.exitCode());
      assertTrue(refused.err().contains("sockguard:"), refused.err());
    } finally {
      direct.run("rm", "-f", container);
    }
  }

  @Test
  void inspectShowsRedactedEnvironment() {
    String container = name();
    cli.run("create", "--name", container, "--network", "none", "-e", "DB_PASSWORD=hunter2", docker.image(), "true")
        .assertSuccess();
    try {
      String inspected = cli.run("inspect", "--format", "{{json .Config.Env}}", container).assertSuccess().out();
      assertTrue(inspected.contains("DB_PASSWORD=<redacted>"), inspected);
      assertFalse(inspected.contains("hunter2"), inspected);
      String raw = direct.run("inspect", "--format", "{{json .Config.Env}}", container).assertSuccess().out();
      assertTrue(raw.contains("hunter2"), "the daemon still has it: " + raw);
    } finally {
      direct.run("rm", "-f", container);
    }
  }

  @Test
  void uncoveredBodyEncodingIsRefusedBeforeTheDaemon() throws Exception {
    io.sockguard.testing.RawHttp.Response response =
        io.sockguard.testing.RawHttp.exchange(
            "127.0.0.1",
            proxy.port(),
            "POST /containers/create HTTP/1.1\r\nHost: d\r\nContent-Type: application/json\r\n"
                + "Content-Encoding: gzip\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    assertEquals(415, response.status());
    assertTrue(new String(response.bytes(), UTF_8).contains("Content-Encoding"));
  }
}
