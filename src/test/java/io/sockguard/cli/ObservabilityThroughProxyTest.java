package io.sockguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import io.sockguard.config.ConfigLoader;
import io.sockguard.testing.FakeUpstream;
import io.sockguard.testing.Poll;
import io.sockguard.testing.RawHttp;
import io.sockguard.testing.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Metrics, health, readiness and trace correlation through the real proxy, with a fake daemon behind it. */
class ObservabilityThroughProxyTest {
  private static final String RULES =
      """
      [[rules]]
      match = { method = "GET", path = "/version" }
      action = "allow"

      [[rules]]
      match = { method = "*", path = "/**" }
      action = "deny"
      """;

  private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
  private FakeUpstream daemon;
  private Sockguard sockguard;

  @AfterEach
  void stop() throws Exception {
    if (sockguard != null) {
      sockguard.close();
    }
    if (daemon != null) {
      daemon.close();
    }
  }

  private void start(FakeUpstream.Handler handler, String sections) throws Exception {
    daemon = FakeUpstream.start(handler);
    String toml =
        "[listen]\naddress = \"127.0.0.1:0\"\n\n[upstream]\nsocket = \""
            + daemon.socketPath()
            + "\"\n\n"
            + sections
            + "\n"
            + RULES;
    sockguard = Sockguard.start(ConfigLoader.parse(toml, "test.toml", Map.of()), log::add);
  }

  private RawHttp.Response get(String target, String... headerLines) {
    StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: sockguard\r\n");
    for (String line : headerLines) {
      request.append(line).append("\r\n");
    }
    request.append("Connection: close\r\n\r\n");
    return RawHttp.exchange("127.0.0.1", sockguard.tcpAddress().orElseThrow().getPort(), request.toString());
  }

  private JsonObject accessLine(String path) {
    return log.stream()
        .map(line -> Json.parse(line).asObject())
        .filter(e -> "request".equals(e.getString("msg", "")) && path.equals(e.getString("path", "")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no access line for " + path + " in " + log));
  }

  @Test
  void callersTraceIdReachesTheDaemonAndTheAccessLog() throws Exception {
    start(FakeUpstream.Handler.json(200, "{\"Version\":\"27.0\"}"), "");
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    RawHttp.Response response = get("/version", "traceparent: 00-" + traceId + "-00f067aa0ba902b7-01");

    assertEquals(200, response.status());
    RecordedRequest forwarded = daemon.awaitRequests(1, Duration.ofSeconds(10)).get(0);
    String traceparent = forwarded.header("traceparent").orElseThrow();
    Poll.until(Duration.ofSeconds(10), "access line", () -> log.stream().anyMatch(l -> l.contains("\"request\"")));
    JsonObject line = accessLine("/version");
    assertEquals(traceId, line.getString("trace_id", ""));
    assertEquals("00f067aa0ba902b7", line.getString("trace_parent_id", ""));
    assertTrue(line.getBoolean("trace_sampled", false));
    assertEquals("00-" + traceId + "-" + line.getString("trace_span_id", "?") + "-01", traceparent);
  }

  @Test
  void wedgedDaemonIsHealthyButNotReady() throws Exception {
    start(
        FakeUpstream.Handler.silent(),
        """
        [metrics]
        enabled = true

        [health.watchdog]
        enabled = true
        interval = "50ms"

        [health.readiness]
        enabled = true
        interval = "50ms"
        timeout = "100ms"
        """);

    Poll.until(
        Duration.ofSeconds(10),
        "a readiness probe timed out",
        () -> get("/ready").body().contains("did not answer within 100ms"));

    RawHttp.Response ready = get("/ready");
    assertEquals(503, ready.status());
    assertEquals("unreachable", Json.parse(ready.body()).asObject().getString("upstream", ""));
    RawHttp.Response health = get("/health");
    assertEquals(200, health.status(), health.text());
    assertEquals("connected", Json.parse(health.body()).asObject().getString("upstream", ""));
    String metrics = get("/metrics").body();
    assertTrue(metrics.contains("\nsockguard_upstream_api_up 0.0\n"), metrics);
    assertTrue(metrics.contains("\nsockguard_upstream_socket_up 1.0\n"), metrics);
  }

  @Test
  void metricsAreAnsweredLocallyAndCountProxiedRequests() throws Exception {
    start(FakeUpstream.Handler.json(200, "{}"), "[metrics]\nenabled = true\n");
    get("/v1.41/version");
    assertEquals(403, get("/v1.41/containers/json").status());

    RawHttp.Response scrape = get("/metrics");

    assertEquals(200, scrape.status());
    assertTrue(
        scrape.body().contains(
            "sockguard_http_requests_total{decision=\"allow\",method=\"GET\",profile=\"default\",route=\"/version\","
                + "status=\"200\"} 1.0"),
        scrape.body());
    assertTrue(
        scrape.body().contains(
            "sockguard_http_denied_requests_total{mode=\"enforce\",profile=\"default\","
                + "reason_code=\"matched_deny_rule\",route=\"/containers/json\"} 1.0"),
        scrape.body());
    assertEquals(List.of("/v1.41/version"), daemon.requests().stream().map(RecordedRequest::target).toList());
    assertFalse(log.stream().anyMatch(l -> l.contains("\"path\":\"/metrics\"")), "scrapes are not access-logged");
  }

  @Test
  void adminListenerServesTheSameEndpoints() throws Exception {
    start(
        FakeUpstream.Handler.json(200, "{}"),
        "[metrics]\nenabled = true\n\n[admin]\nenabled = true\n\n[admin.listen]\naddress = \"127.0.0.1:0\"\n");
    get("/v1.41/version");
    int adminPort = sockguard.adminAddress().orElseThrow().getPort();

    RawHttp.Response scrape =
        RawHttp.exchange("127.0.0.1", adminPort, "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    RawHttp.Response health =
        RawHttp.exchange("127.0.0.1", adminPort, "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

    assertEquals(200, scrape.status());
    assertTrue(scrape.body().contains("route=\"/version\""), scrape.body());
    assertEquals(200, health.status());
    assertTrue(log.stream().anyMatch(l -> l.contains("\"admin\":\"tcp /127.0.0.1:" + adminPort + "\"")), log::toString);
  }

  @Test
  void metricsPathIsADockerPathWhileMetricsAreOff() throws Exception {
    start(FakeUpstream.Handler.json(200, "{}"), "");

    assertEquals(403, get("/metrics").status());
  }

  @Test
  void metricsNeedTheTokenFromTheConfiguredFile(@TempDir Path dir) throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "s3cret\n");
    start(
        FakeUpstream.Handler.json(200, "{}"),
        "[metrics]\nenabled = true\nbearer_token_file = \"" + token + "\"\n");

    assertEquals(401, get("/metrics").status());
    assertEquals(200, get("/metrics", "Authorization: Bearer s3cret").status());
    assertEquals(200, get("/health").status());
  }
}
