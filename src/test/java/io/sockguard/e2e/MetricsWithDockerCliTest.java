package io.sockguard.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.cli.Sockguard;
import io.sockguard.config.ConfigLoader;
import io.sockguard.testing.DockerCli;
import io.sockguard.testing.Poll;
import io.sockguard.testing.PrivateDocker;
import io.sockguard.testing.RawHttp;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Scrapes sockguard's metrics after real docker CLI traffic through it to a real dockerd. */
@Tag("e2e")
class MetricsWithDockerCliTest {
  private static final Pattern ACTIVE = Pattern.compile("\nsockguard_http_requests_active ([0-9.]+)\n");

  private final PrivateDocker docker = PrivateDocker.require();
  private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
  private Sockguard sockguard;
  private DockerCli cli;

  @BeforeEach
  void start() throws Exception {
    String toml =
        """
        [listen]
        address = "127.0.0.1:0"

        [upstream]
        socket = "%s"

        [metrics]
        enabled = true

        [health.watchdog]
        enabled = true
        interval = "1s"

        [health.readiness]
        enabled = true
        interval = "1s"
        timeout = "5s"

        [[rules]]
        match = { method = "*", path = "/_ping" }
        action = "allow"

        [[rules]]
        match = { method = "GET", path = "/version" }
        action = "allow"

        [[rules]]
        match = { method = "GET", path = "/events" }
        action = "allow"

        [[rules]]
        match = { method = "GET", path = "/containers/json" }
        action = "allow"

        [[rules]]
        match = { method = "*", path = "/**" }
        action = "deny"
        reason = "read-only"
        """
            .formatted(docker.socket());
    sockguard = Sockguard.start(ConfigLoader.parse(toml, "e2e.toml", Map.of()), log::add);
    cli = DockerCli.forHost("tcp://127.0.0.1:" + port());
  }

  @AfterEach
  void stop() {
    sockguard.close();
  }

  private int port() {
    return sockguard.tcpAddress().orElseThrow().getPort();
  }

  private String scrape() {
    RawHttp.Response response =
        RawHttp.exchange("127.0.0.1", port(), "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertTrue(response.text().startsWith("HTTP/1.1 200 "), () -> response.text() + "\nlog:\n" + String.join("\n", log));
    return response.body();
  }

  private double active() {
    Matcher matcher = ACTIVE.matcher(scrape());
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : -1;
  }

  @Test
  void familiesMoveWithRealClientTraffic() throws Exception {
    cli.run("version").assertSuccess();
    DockerCli.Result denied = cli.run("rm", "sockguard-e2e-no-such-container");
    assertFalse(denied.succeeded(), denied.toString());
    assertTrue(denied.err().contains("sockguard"), denied.toString());

    Process events = cli.start("events");
    try {
      Poll.until(Duration.ofSeconds(20), "the events stream counts as in flight", () -> active() >= 1);
    } finally {
      events.destroy();
      events.waitFor();
    }
    Poll.until(Duration.ofSeconds(20), "the events stream ended", () -> active() == 0);
    Poll.until(
        Duration.ofSeconds(20),
        "probes reported",
        () -> scrape().contains("\nsockguard_upstream_api_up 1.0\n"));

    String metrics = scrape();
    assertTrue(
        metrics.contains(
            "sockguard_http_requests_total{decision=\"allow\",method=\"GET\",profile=\"default\",route=\"/version\","
                + "status=\"200\"}"),
        metrics);
    assertTrue(
        metrics.contains(
            "sockguard_http_denied_requests_total{mode=\"enforce\",profile=\"default\","
                + "reason_code=\"matched_deny_rule\",route=\"/containers/{id}\"} 1.0"),
        metrics);
    assertTrue(
        metrics.contains("sockguard_http_requests_total{decision=\"allow\",method=\"GET\",profile=\"default\","
            + "route=\"/events\",status=\"200\"} 1.0"),
        metrics);
    assertTrue(metrics.contains("sockguard_http_request_duration_seconds_bucket{decision=\"allow\""), metrics);
    assertTrue(metrics.contains("\nsockguard_upstream_socket_up 1.0\n"), metrics);
    assertTrue(metrics.contains("sockguard_upstream_bytes_total{direction=\"received\"}"), metrics);
    assertFalse(metrics.contains("sockguard-e2e-no-such-container"), "no raw name in any label");
  }
}
