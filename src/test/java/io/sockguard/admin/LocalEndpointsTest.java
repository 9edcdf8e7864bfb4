package io.sockguard.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sockguard.health.UpstreamStatus;
import io.sockguard.http.HeaderField;
import io.sockguard.http.HeaderFields;
import io.sockguard.http.HttpVersion;
import io.sockguard.http.RequestHead;
import io.sockguard.observe.Metrics;
import io.sockguard.route.LocalRoutes.LocalResponse;
import io.sockguard.route.PathCanonicalizer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LocalEndpointsTest {
  private static final Instant AT = Instant.parse("2025-01-02T03:04:05Z");
  private static final String SOCKET = "/var/run/docker.sock";

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private UpstreamStatus health = new UpstreamStatus(true, null, AT);
  private UpstreamStatus ready = new UpstreamStatus(true, null, AT);

  {
    Metrics.builder(registry).register();
  }

  private LocalEndpoints endpoints(BearerToken token) {
    return LocalEndpoints.builder(SOCKET)
        .metrics("/metrics", registry, token)
        .health("/health", () -> health)
        .readiness("/ready", () -> ready)
        .build();
  }

  private static LocalResponse get(LocalEndpoints endpoints, String method, String target, String... headers) {
    List<HeaderField> fields = new ArrayList<>();
    for (int i = 0; i < headers.length; i += 2) {
      fields.add(new HeaderField(headers[i], headers[i + 1]));
    }
    RequestHead head = new RequestHead(method, target, HttpVersion.HTTP_1_1, HeaderFields.of(fields));
    return endpoints.answer(head, PathCanonicalizer.canonicalize(target));
  }

  private static JsonObject json(LocalResponse response) {
    return Json.parse(new String(response.body(), StandardCharsets.UTF_8)).asObject();
  }

  @Test
  void healthyUpstreamAnswers200WithConnected() {
    LocalResponse response = get(endpoints(null), "GET", "/health");

    assertEquals(200, response.status());
    assertEquals("application/json", response.contentType());
    JsonObject body = json(response);
    assertEquals("healthy", body.getString("status", ""));
    assertEquals("connected", body.getString("upstream", ""));
    assertEquals(SOCKET, body.getString("upstream_socket", ""));
    assertEquals("2025-01-02T03:04:05Z", body.getString("checked_at", ""));
    assertNull(body.get("error"));
  }

  @Test
  void unreachableUpstreamAnswers503WithTheError() {
    health = new UpstreamStatus(false, "dial unix /var/run/docker.sock: No such file or directory", AT);

    LocalResponse response = get(endpoints(null), "GET", "/health");

    assertEquals(503, response.status());
    JsonObject body = json(response);
    assertEquals("unhealthy", body.getString("status", ""));
    assertEquals("unreachable", body.getString("upstream", ""));
    assertEquals(health.error(), body.getString("error", ""));
  }

  @Test
  void readinessAnswersReadyOrUnreachable() {
    LocalEndpoints endpoints = endpoints(null);
    assertEquals("ready", json(get(endpoints, "GET", "/ready")).getString("upstream", ""));

    ready = new UpstreamStatus(false, "no readiness probe has finished yet", null);
    LocalResponse response = get(endpoints, "GET", "/ready");

    assertEquals(503, response.status());
    assertEquals("unreachable", json(response).getString("upstream", ""));
    assertNull(json(response).get("checked_at"));
  }

  @Test
  void servesPrometheusTextAtTheMetricsPath() {
    LocalResponse response = get(endpoints(null), "GET", "/metrics");

    assertEquals(200, response.status());
    assertEquals("text/plain; version=0.0.4; charset=utf-8", response.contentType());
    assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("# TYPE sockguard_build_info gauge"));
  }

  @Test
  void servesOpenMetricsWhenAsked() {
    LocalResponse response =
        get(endpoints(null), "GET", "/metrics", "Accept", "application/openmetrics-text; version=1.0.0");

    assertTrue(response.contentType().startsWith("application/openmetrics-text"), response.contentType());
    assertTrue(new String(response.body(), StandardCharsets.UTF_8).endsWith("# EOF\n"));
  }

  static Stream<Arguments> authorizations() {
    return Stream.of(
        Arguments.of("no header", null, 401),
        Arguments.of("wrong token", "Bearer nope", 401),
        Arguments.of("token as basic auth", "Basic s3cret", 401),
        Arguments.of("token prefix only", "Bearer s3cre", 401),
        Arguments.of("right token", "Bearer s3cret", 200),
        Arguments.of("scheme in lower case", "bearer s3cret", 200));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("authorizations")
  void metricsNeedTheBearerTokenWhenOneIsSet(String name, String authorization, int status) {
    LocalEndpoints endpoints = endpoints(BearerToken.of("s3cret"));

    LocalResponse response =
        authorization == null
            ? get(endpoints, "GET", "/metrics")
            : get(endpoints, "GET", "/metrics", "Authorization", authorization);

    assertEquals(status, response.status());
  }

  @Test
  void healthStaysOpenWhenMetricsNeedAToken() {
    assertEquals(200, get(endpoints(BearerToken.of("s3cret")), "GET", "/health").status());
  }

  static Stream<Arguments> notLocal() {
    return Stream.of(
        Arguments.of("docker path", "/containers/json"),
        Arguments.of("version-prefixed health is a docker path", "/v1.41/health"),
        Arguments.of("longer path", "/healthz"),
        Arguments.of("sub path", "/metrics/x"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notLocal")
  void leavesOtherPathsToTheProxy(String name, String target) {
    assertNull(get(endpoints(null), "GET", target));
  }

  @Test
  void matchesTheCanonicalPathWithAnyQuery() {
    assertEquals(200, get(endpoints(null), "GET", "/health?verbose=1").status());
  }

  @Test
  void refusesMethodsOtherThanGetAndHead() {
    assertEquals(405, get(endpoints(null), "POST", "/metrics").status());
    assertEquals(200, get(endpoints(null), "HEAD", "/health").status());
  }

  @Test
  void servesOnlyTheEnabledEndpoints() {
    LocalEndpoints healthOnly = LocalEndpoints.builder(SOCKET).health("/health", () -> health).build();

    assertNull(get(healthOnly, "GET", "/metrics"));
    assertNull(get(healthOnly, "GET", "/ready"));
    assertEquals(200, get(healthOnly, "GET", "/health").status());
  }
}
