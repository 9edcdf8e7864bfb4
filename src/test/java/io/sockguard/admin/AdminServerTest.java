package io.sockguard.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sockguard.health.UpstreamStatus;
import io.sockguard.observe.Metrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AdminServerTest {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private AdminServer server;

  @BeforeEach
  void start() throws IOException {
    Metrics.builder(registry).register();
    LocalEndpoints endpoints =
        LocalEndpoints.builder("/var/run/docker.sock")
            .metrics("/metrics", registry, BearerToken.of("s3cret"))
            .health("/health", () -> new UpstreamStatus(true, null, Instant.EPOCH))
            .readiness("/ready", () -> new UpstreamStatus(false, "wedged", Instant.EPOCH))
            .build();
    server =
        AdminServer.start(
            "127.0.0.1:0",
            endpoints,
            new AdminApi(
                "/admin/validate",
                "/admin/policy/version",
                1024,
                () -> new AdminApi.PolicyInfo(1, java.time.Instant.EPOCH, null, null, 0, 1),
                toml -> new AdminApi.Outcome(java.util.List.of(), 0, 1)));
  }

  @AfterEach
  void stop() {
    server.close();
    client.close();
  }

  private HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort() + path))
            .timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesMetricsThroughTheExporterHandlerWithTheToken() throws Exception {
    HttpResponse<String> response = get("/metrics", "Authorization", "Bearer s3cret");

    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("# TYPE sockguard_http_requests_active gauge"), response.body());
  }

  @Test
  void refusesMetricsWithoutTheToken() throws Exception {
    HttpResponse<String> response = get("/metrics");

    assertEquals(401, response.statusCode());
    assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(""));
  }

  @Test
  void servesHealthAndReadiness() throws Exception {
    assertEquals(200, get("/health").statusCode());
    HttpResponse<String> ready = get("/ready");
    assertEquals(503, ready.statusCode());
    assertTrue(ready.body().contains("\"error\":\"wedged\""), ready.body());
  }

  @Test
  void answers404ElsewhereIncludingUnderAnEndpointPath() throws Exception {
    assertEquals(404, get("/containers/json").statusCode());
    assertEquals(404, get("/healthz").statusCode());
  }

  @Test
  void setsTheJdkServerTimeoutsExplicitly() {
    assertEquals(AdminServer.MAX_REQUEST_SECONDS, System.getProperty("sun.net.httpserver.maxReqTime"));
    assertEquals(AdminServer.MAX_RESPONSE_SECONDS, System.getProperty("sun.net.httpserver.maxRspTime"));
  }
}
