package io.sockguard.presets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sockguard.config.Config;
import io.sockguard.config.ConfigLoader;
import io.sockguard.testing.FakeUpstream;
import io.sockguard.testing.RawHttp;
import io.sockguard.testing.RecordedRequest;
import io.sockguard.testing.RunningProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each preset in etc/presets, run by the real proxy in front of a fake daemon, lets through the API calls its
 * consumer really makes (listed per consumer below, with the query strings they send) and refuses one call the
 * consumer never needs: {@code POST /containers/create} for the read-only and power-action presets, and a
 * swarm or plugin change for those that must create containers.
 */
class PresetReplayTest {
  private static final Path PRESETS = Path.of("etc/presets");
  private static final String EVENTS_FILTER = "/events?filters=%7B%22type%22%3A%5B%22container%22%5D%7D";
  private static final String ID = "3f2a9c0d1e4b";

  /**
   * One consumer: its preset file, the calls it makes and a call that must be refused.
   *
   * @param calls {@code METHOD target} lines, version prefixes as the consumer sends them
   */
  record Consumer(String name, String file, List<String> calls, String refused) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Consumer> consumers() {
    return List.of(
        new Consumer(
            "traefik",
            "traefik.toml",
            List.of(
                "HEAD /_ping",
                "GET /_ping",
                "GET /v1.41/version",
                "GET /v1.41" + EVENTS_FILTER,
                "GET /v1.41/containers/json?filters=%7B%22status%22%3A%5B%22running%22%5D%7D",
                "GET /v1.41/containers/" + ID + "/json",
                "GET /v1.41/info",
                "GET /v1.41/services",
                "GET /v1.41/tasks?filters=%7B%7D",
                "GET /v1.41/networks"),
            "POST /v1.41/containers/create"),
        new Consumer(
            "portainer read-only",
            "portainer-readonly.toml",
            List.of(
                "HEAD /_ping",
                "GET /_ping",
                "GET /v1.41/version",
                "GET /v1.41/info",
                "GET /v1.41/system/df",
                "GET /v1.41/events?since=1700000000",
                "GET /v1.41/containers/json?all=1",
                "GET /v1.41/containers/" + ID + "/json",
                "GET /v1.41/containers/" + ID + "/top",
                "GET /v1.41/containers/" + ID + "/stats?stream=false",
                "GET /v1.41/containers/" + ID + "/logs?stdout=1&stderr=1&tail=100",
                "GET /v1.41/images/json?all=0",
                "GET /v1.41/images/sha256:abc/json",
                "GET /v1.41/images/sha256:abc/history",
                "GET /v1.41/networks",
                "GET /v1.41/networks/bridge",
                "GET /v1.41/volumes",
                "GET /v1.41/volumes/data",
                "GET /v1.41/plugins",
                "GET /v1.41/swarm",
                "GET /v1.41/nodes",
                "GET /v1.41/services",
                "GET /v1.41/tasks",
                "GET /v1.41/secrets",
                "GET /v1.41/configs"),
            "POST /v1.41/containers/create"),
        new Consumer(
            "watchtower",
            "watchtower.toml",
            List.of(
                "HEAD /_ping",
                "GET /v1.41/version",
                "GET /v1.41/containers/json?limit=0",
                "GET /v1.41/containers/" + ID + "/json",
                "GET /v1.41/images/sha256:abc/json",
                "POST /v1.41/images/create?fromImage=nginx&tag=latest",
                "POST /v1.41/containers/" + ID + "/stop?t=10",
                "POST /v1.41/containers/" + ID + "/kill?signal=SIGTERM",
                "DELETE /v1.41/containers/" + ID + "?force=1&v=0",
                "POST /v1.41/containers/create?name=web",
                "POST /v1.41/networks/backend/connect",
                "POST /v1.41/containers/" + ID + "/start",
                "POST /v1.41/containers/" + ID + "/rename?name=watchtower-old",
                "DELETE /v1.41/images/sha256:abc?force=0&noprune=0"),
            "POST /v1.41/swarm/init"),
        new Consumer(
            "homepage",
            "homepage.toml",
            List.of(
                "GET /containers/json?all=1",
                "GET /containers/" + ID + "/json",
                "GET /containers/" + ID + "/stats?stream=false",
                "GET /services",
                "GET /tasks?filters=%7B%7D",
                "GET /_ping",
                "GET /version"),
            "POST /containers/create"),
        new Consumer(
            "homarr",
            "homarr.toml",
            List.of(
                "GET /_ping",
                "GET /containers/json?all=1",
                "GET /containers/" + ID + "/json",
                "GET /images/json",
                "POST /containers/" + ID + "/start",
                "POST /containers/" + ID + "/stop",
                "POST /containers/" + ID + "/restart"),
            "POST /containers/create"),
        new Consumer(
            "dozzle",
            "dozzle.toml",
            List.of(
                "HEAD /_ping",
                "GET /v1.41/version",
                "GET /v1.41/info",
                "GET /v1.41/containers/json?all=1",
                "GET /v1.41/containers/" + ID + "/json",
                "GET /v1.41/containers/" + ID + "/logs?follow=1&stdout=1&stderr=1&timestamps=1&since=0",
                "GET /v1.41/containers/" + ID + "/stats",
                "GET /v1.41/events"),
            "POST /v1.41/containers/create"),
        new Consumer(
            "diun",
            "diun.toml",
            List.of(
                "HEAD /_ping",
                "GET /v1.41/version",
                "GET /v1.41/containers/json?filters=%7B%7D",
                "GET /v1.41/images/sha256:abc/json",
                "GET /v1.41/services"),
            "POST /v1.41/containers/create"),
        new Consumer(
            "autoheal",
            "autoheal.toml",
            List.of(
                "GET /containers/json?filters=%7B%22health%22%3A%5B%22unhealthy%22%5D%7D",
                "POST /containers/" + ID + "/restart?t=10",
                "GET /_ping"),
            "POST /containers/create"),
        new Consumer(
            "github actions runner",
            "github-actions-runner.toml",
            List.of(
                "HEAD /_ping",
                "GET /v1.41/version",
                "GET /v1.41/info",
                "POST /v1.41/networks/create",
                "POST /v1.41/images/create?fromImage=node&tag=20",
                "GET /v1.41/images/node:20/json",
                "POST /v1.41/containers/create?name=job",
                "POST /v1.41/containers/" + ID + "/start",
                "GET /v1.41/containers/json?all=1&filters=%7B%7D",
                "GET /v1.41/containers/" + ID + "/json",
                "POST /v1.41/containers/" + ID + "/exec",
                "POST /v1.41/exec/e1/start",
                "POST /v1.41/exec/e1/resize?h=24&w=80",
                "GET /v1.41/exec/e1/json",
                "POST /v1.41/containers/" + ID + "/attach?stream=1&stdout=1&stderr=1",
                "POST /v1.41/containers/" + ID + "/wait?condition=next-exit",
                "POST /v1.41/containers/" + ID + "/resize?h=24&w=80",
                "GET /v1.41/containers/" + ID + "/logs?stdout=1&stderr=1",
                "POST /v1.41/containers/" + ID + "/stop",
                "POST /v1.41/containers/" + ID + "/kill",
                "DELETE /v1.41/containers/" + ID + "?force=1",
                "DELETE /v1.41/networks/github_network",
                "POST /v1.41/networks/prune",
                "POST /v1.41/build?t=action"),
            "POST /v1.41/plugins/pull?remote=evil"),
        new Consumer(
            "gitlab runner",
            "gitlab-runner.toml",
            List.of(
                "HEAD /_ping",
                "GET /v1.41/version",
                "GET /v1.41/info",
                "GET /v1.41/images/alpine:3/json",
                "POST /v1.41/images/create?fromImage=alpine&tag=3",
                "POST /v1.41/images/create?fromSrc=-&repo=gitlab-runner-helper",
                "POST /v1.41/volumes/create",
                "GET /v1.41/volumes/runner-cache",
                "POST /v1.41/networks/create",
                "GET /v1.41/networks/runner-net",
                "POST /v1.41/containers/create?name=runner-build",
                "POST /v1.41/containers/" + ID + "/attach?stream=1&stdin=1&stdout=1&stderr=1",
                "POST /v1.41/containers/" + ID + "/start",
                "POST /v1.41/containers/" + ID + "/wait",
                "POST /v1.41/containers/" + ID + "/resize?h=24&w=80",
                "GET /v1.41/containers/" + ID + "/json",
                "GET /v1.41/containers/json?all=1",
                "GET /v1.41/containers/" + ID + "/logs?stdout=1&stderr=1",
                "POST /v1.41/containers/" + ID + "/kill",
                "POST /v1.41/containers/" + ID + "/stop",
                "DELETE /v1.41/containers/" + ID + "?v=1&force=1",
                "DELETE /v1.41/networks/runner-net",
                "DELETE /v1.41/volumes/runner-cache"),
            "POST /v1.41/swarm/init"),
        new Consumer(
            "strict read-only baseline",
            "readonly-strict.toml",
            List.of(
                "HEAD /_ping",
                "GET /_ping",
                "GET /v1.41/version",
                "GET /v1.41/containers/json",
                "GET /v1.41/images/json",
                "GET /v1.41/networks?filters=%7B%7D",
                "GET /v1.41/volumes",
                "GET /v1.41" + EVENTS_FILTER),
            "POST /v1.41/containers/create"));
  }

  private static FakeUpstream daemon;

  @BeforeAll
  static void startDaemon() throws Exception {
    daemon = FakeUpstream.start(FakeUpstream.Handler.json(200, "{}"));
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    daemon.close();
  }

  @Test
  void everyPresetFileHasAConsumerHere() throws Exception {
    List<String> files;
    try (Stream<Path> listing = Files.list(PRESETS)) {
      files = listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".toml")).sorted().toList();
    }

    assertEquals(files, consumers().stream().map(Consumer::file).sorted().toList());
  }

  static Stream<Arguments> presets() {
    return consumers().stream().map(c -> Arguments.of(c.name(), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("presets")
  void loadsAndEndsWithDenyAll(String name, Consumer consumer) throws Exception {
    Config config = ConfigLoader.load(PRESETS.resolve(consumer.file()), Map.of());

    var last = config.rules().get(config.rules().size() - 1);
    assertEquals(List.of("*", "/**", "deny"), List.of(last.method(), last.path(), last.action()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("presets")
  void allowsTheConsumersCallsAndRefusesTheOneItNeverMakes(String name, Consumer consumer) throws Exception {
    String toml = Files.readString(PRESETS.resolve(consumer.file()));
    try (RunningProxy proxy = RunningProxy.start(toml, daemon.socketPath())) {
      List<String> refusedCalls = new ArrayList<>();
      for (String call : consumer.calls()) {
        int before = daemon.requests().size();
        int status = send(proxy, call);
        if (status != 200 || daemon.requests().size() != before + 1) {
          refusedCalls.add(call + " -> " + status);
        }
      }
      assertEquals(List.of(), refusedCalls, name + ": calls the consumer makes were not forwarded");

      int before = daemon.requests().size();
      assertEquals(403, send(proxy, consumer.refused()), consumer.refused());
      List<RecordedRequest> after = daemon.requests();
      assertEquals(before, after.size(), "a refused call reached the daemon");
    }
  }

  @Test
  void presetsThatMustRefuseCreateNeverNameIt() throws Exception {
    // Guards the test itself: the read-only presets must not mention container creation at all.
    for (Consumer consumer : consumers()) {
      if (consumer.refused().endsWith("/containers/create")) {
        String text = Files.readString(PRESETS.resolve(consumer.file()));
        assertFalse(text.contains("path = \"/containers/create\""), consumer.name());
      }
    }
  }

  private static int send(RunningProxy proxy, String call) {
    String[] parts = call.split(" ", 2);
    boolean bodyless = parts[0].equals("GET") || parts[0].equals("HEAD") || parts[0].equals("DELETE");
    String request =
        parts[0] + " " + parts[1] + " HTTP/1.1\r\nHost: docker\r\n"
            + (bodyless ? "" : "Content-Type: application/json\r\nContent-Length: 2\r\n")
            + "Connection: close\r\n\r\n"
            + (bodyless ? "" : "{}");
    return RawHttp.exchange("127.0.0.1", proxy.port(), request).status();
  }
}
