package io.sockguard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.testing.DockerCli;
import io.sockguard.testing.PrivateDocker;
import io.sockguard.testing.RawHttp;
import io.sockguard.testing.RunningProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped presets in front of the real daemon: their consumers' reads work, container creation does not. */
@Tag("e2e")
class PresetsWithDockerCliTest {

  private static String preset(String name) throws Exception {
    return Files.readString(Path.of("etc/presets", name + ".toml"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"traefik", "portainer-readonly", "homepage", "dozzle", "readonly-strict"})
  void readOnlyPresetListsContainersButRefusesRun(String name) throws Exception {
    PrivateDocker docker = PrivateDocker.require();
    String container = "preset-" + UUID.randomUUID().toString().substring(0, 8);
    try (RunningProxy proxy = RunningProxy.start(preset(name), docker.socket())) {
      DockerCli cli = DockerCli.forHost(proxy.dockerHost());
      cli.run("ps").assertSuccess();
      DockerCli.Result run =
          cli.run("run", "--rm", "--name", container, "--network", "none", docker.image(), "true");
      assertNotEquals(0, run.exitCode(), name);
      assertTrue(run.err().contains("sockguard:"), name + ": " + run.err());
      assertNotEquals(0, DockerCli.forUnixSocket(docker.socket()).run("inspect", container).exitCode(), name);
    }
  }

  /**
   * Traefik's Docker provider, replayed call by call (Docker Go SDK): ping (HEAD, then GET), version, a bounded
   * events window, the running-container list with its filter, one inspect, info. Every one reaches the daemon.
   */
  @Test
  void traefikCallPatternIsAllowedAgainstTheRealDaemon() throws Exception {
    PrivateDocker docker = PrivateDocker.require();
    DockerCli direct = DockerCli.forUnixSocket(docker.socket());
    String container = "traefik-target-" + UUID.randomUUID().toString().substring(0, 8);
    direct.run("run", "-d", "--name", container, "--label", "traefik.enable=true", "--network", "none",
        docker.image(), "sleep", "60").assertSuccess();
    try (RunningProxy proxy = RunningProxy.start(preset("traefik"), docker.socket())) {
      long now = System.currentTimeMillis() / 1000;
      List<String> calls =
          List.of(
              "HEAD /_ping",
              "GET /_ping",
              "GET /v1.41/version",
              "GET /v1.41/events?since=" + (now - 5) + "&until=" + now,
              "GET /v1.41/containers/json?filters=%7B%22status%22%3A%5B%22running%22%5D%7D",
              "GET /v1.41/containers/" + container + "/json",
              "GET /v1.41/info");
      for (String call : calls) {
        RawHttp.Response response =
            RawHttp.exchange(
                "127.0.0.1", proxy.port(), call + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n");
        assertEquals(200, response.status(), call + ": " + response.text());
        assertFalse(response.body().contains("sockguard:"), call);
      }
      RawHttp.Response create =
          RawHttp.exchange(
              "127.0.0.1",
              proxy.port(),
              "POST /v1.41/containers/create HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
      assertEquals(403, create.status());
    } finally {
      direct.run("rm", "-f", container);
    }
  }
}
