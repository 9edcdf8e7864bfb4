package io.sockguard.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sockguard.route.PathCanonicalizer;
import io.sockguard.route.RouteTemplate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MetricsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05.5Z"), ZoneOffset.UTC);
  private static final String CONTAINER_ID = "4fa6e0f0c6786287e131c3852c58a2e01cc697a68231826813597e4994f1d6e2";

  private final PrometheusRegistry registry = new PrometheusRegistry();

  private Metrics.Builder metrics() {
    return Metrics.builder(registry).build("1.2.3", "abc1234", "2025-01-01").javaVersion("21.0.5").clock(CLOCK);
  }

  private String scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  private static ExchangeRecord record(String method, String path, int status, String decision, String reason) {
    String route = RouteTemplate.of(method, PathCanonicalizer.canonicalize(path));
    return new ExchangeRecord(
        method, path, path, route, status, decision, reason, -1, 30_000_000L, 0, 0, "tcp", "default", null,
        "would_deny".equals(decision) ? "warn" : "enforce");
  }

  @Test
  void exposesEveryFamilyOnceEachFeatureHasReported() throws IOException {
    Metrics m = metrics().watchdog(true).readiness(true).register();
    m.started();
    m.completed(record("GET", "/containers/json", 200, "allow", null));
    m.started();
    m.completed(record("POST", "/containers/create", 403, "deny", "matched_deny_rule"));
    m.watchdogChecked(true);
    m.readinessChecked(false);
    m.throttled("default", "rate_limit_exceeded", "enforce");
    m.inflightStarted("ci");
    m.configReloaded("ok");
    m.policyRules("default", 6, 1);
    m.upstreamBytes(10, 20);
    m.hijackStarted();

    String text = scrape();

    for (MetricNames.Family family : MetricNames.FAMILIES) {
      String type = family.type() == MetricNames.Type.INFO ? "gauge" : family.type().name().toLowerCase();
      assertTrue(text.contains("# TYPE " + family.name() + " " + type + "\n"), family.name() + " in\n" + text);
    }
  }

  @Test
  void countsRequestsWithBoundedLabels() throws IOException {
    Metrics m = metrics().register();
    m.completed(record("GET", "/v1.41/containers/" + CONTAINER_ID + "/json", 200, "allow", null));
    m.completed(record("GET", "/containers/other/json", 200, "allow", null));

    String text = scrape();

    assertTrue(
        text.contains(
            "sockguard_http_requests_total{decision=\"allow\",method=\"GET\",profile=\"default\","
                + "route=\"/containers/{id}/json\",status=\"200\"} 2.0\n"),
        text);
    assertFalse(text.contains(CONTAINER_ID), text);
    assertFalse(text.contains("other"), text);
  }

  @Test
  void countsOnlyDenialsAsDeniedWithModeAndReasonCode() throws IOException {
    Metrics m = metrics().register();
    m.completed(record("GET", "/_ping", 200, "allow", null));
    m.completed(record("GET", "/_ping", 502, "error", "upstream_socket_unreachable"));
    m.completed(record("DELETE", "/containers/" + CONTAINER_ID, 403, "deny", "matched_deny_rule"));

    List<String> denied = lines(scrape(), "sockguard_http_denied_requests_total{");

    assertEquals(
        List.of(
            "sockguard_http_denied_requests_total{mode=\"enforce\",profile=\"default\","
                + "reason_code=\"matched_deny_rule\",route=\"/containers/{id}\"} 1.0"),
        denied);
  }

  @Test
  void durationHistogramHasThePageBuckets() throws IOException {
    Metrics m = metrics().register();
    m.completed(record("GET", "/_ping", 200, "allow", null));

    List<String> buckets = lines(scrape(), "sockguard_http_request_duration_seconds_bucket{");

    List<String> le =
        buckets.stream().map(line -> line.substring(line.indexOf(",le=\"") + 5, line.indexOf("\"}"))).toList();
    assertEquals(
        List.of("0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf"), le);
    // 30ms lands in the 0.05 bucket: everything from there up counts it, nothing below
    assertTrue(buckets.get(2).endsWith(" 0"), buckets.get(2));
    assertTrue(buckets.get(3).endsWith(" 1"), buckets.get(3));
    assertTrue(buckets.get(0).contains("decision=\"allow\",method=\"GET\",profile=\"default\",route=\"/_ping\""));
  }

  static Stream<Arguments> methods() {
    return Stream.of(
        Arguments.of("standard method kept", "PATCH", "PATCH"),
        Arguments.of("unknown token", "BREW", "OTHER"),
        Arguments.of("lower case is not standard", "get", "OTHER"),
        Arguments.of("malformed request placeholder", "-", "OTHER"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("methods")
  void boundsTheMethodLabel(String name, String method, String label) throws IOException {
    Metrics m = metrics().register();
    m.completed(
        new ExchangeRecord(
            method, "/x", null, "/other", 400, "error", "bad_request", -1, 1, 0, 0, "c", "default", null, "enforce"));

    assertTrue(scrape().contains("method=\"" + label + "\""));
  }

  @Test
  void tracksInFlightAndHijackedStreams() throws IOException {
    Metrics m = metrics().register();
    m.started();
    m.started();
    m.completed(record("GET", "/_ping", 200, "allow", null));
    m.hijackStarted();

    String text = scrape();

    assertTrue(text.contains("\nsockguard_http_requests_active 1.0\n"), text);
    assertTrue(text.contains("\nsockguard_hijacked_streams_active 1.0\n"), text);
  }

  @Test
  void leavesProbeFamiliesOutWhenProbesAreDisabled() throws IOException {
    Metrics m = metrics().register();
    m.watchdogChecked(true);
    m.readinessChecked(true);

    String text = scrape();

    assertFalse(text.contains("sockguard_upstream_socket_up"), text);
    assertFalse(text.contains("sockguard_upstream_api_up"), text);
    assertFalse(text.contains("sockguard_upstream_watchdog_checks_total"), text);
  }

  @Test
  void reportsProbeResultsWhenEnabled() throws IOException {
    Metrics m = metrics().watchdog(true).readiness(true).register();
    m.watchdogChecked(true);
    m.watchdogChecked(false);
    m.readinessChecked(false);

    String text = scrape();

    assertTrue(text.contains("\nsockguard_upstream_socket_up 0.0\n"), text);
    assertTrue(text.contains("sockguard_upstream_watchdog_checks_total{result=\"connected\"} 1.0\n"), text);
    assertTrue(text.contains("sockguard_upstream_watchdog_checks_total{result=\"unreachable\"} 1.0\n"), text);
    assertTrue(text.contains("\nsockguard_upstream_api_up 0.0\n"), text);
    assertTrue(text.contains("sockguard_upstream_readiness_checks_total{result=\"unreachable\"} 1.0\n"), text);
  }

  @Test
  void omitsTheLastReloadTimestampUntilAReloadSucceeds() throws IOException {
    Metrics m = metrics().register();
    m.configReloaded("reject_validation");
    assertFalse(scrape().contains(MetricNames.CONFIG_RELOAD_LAST_SUCCESS_TIMESTAMP_SECONDS));

    m.configReloaded("ok");

    String text = scrape();
    assertTrue(text.contains("\nsockguard_config_reload_last_success_timestamp_seconds 1.7357870455E9\n"), text);
    assertTrue(text.contains("sockguard_config_reload_total{result=\"reject_validation\"} 1.0\n"), text);
  }

  @Test
  void takesVersionAndTimeFromTheReloadMachinery() throws IOException {
    Metrics m = metrics().register();
    m.reloaded("reject_immutable", 1, 1_700_000_000L);
    assertFalse(scrape().contains(MetricNames.CONFIG_RELOAD_LAST_SUCCESS_TIMESTAMP_SECONDS));

    m.reloaded("ok", 2, 1_700_000_100L);

    String text = scrape();
    assertTrue(text.contains("\nsockguard_policy_version 2.0\n"), text);
    assertTrue(text.contains("\nsockguard_config_reload_last_success_timestamp_seconds 1.7000001E9\n"), text);
    assertTrue(text.contains("sockguard_config_reload_total{result=\"ok\"} 1.0\n"), text);
  }

  @Test
  void startsAtPolicyVersionOneAndTicks() throws IOException {
    Metrics m = metrics().register();
    assertTrue(scrape().contains("\nsockguard_policy_version 1.0\n"));

    assertEquals(2, m.policyVersionTicked());
    assertTrue(scrape().contains("\nsockguard_policy_version 2.0\n"));
  }

  @Test
  void exposesBuildInfoAndStartTime() throws IOException {
    metrics().register();

    String text = scrape();

    assertTrue(
        text.contains(
            "sockguard_build_info{build_date=\"2025-01-01\",commit=\"abc1234\",java_version=\"21.0.5\","
                + "version=\"1.2.3\"} 1\n"),
        text);
    assertFalse(text.contains("instance_id"), text);
    assertTrue(text.contains("\nsockguard_start_time_seconds 1.7357870455E9\n"), text);
  }

  @Test
  void addsInstanceIdToBuildInfoOnlyWhenSet() throws IOException {
    metrics().instanceId("edge-1").register();

    List<String> info = lines(scrape(), "sockguard_build_info{");

    assertEquals(1, info.size());
    assertTrue(info.get(0).contains("instance_id=\"edge-1\""), info.get(0));
    assertEquals(1, lines(scrape(), "").stream().filter(l -> l.contains("edge-1")).count());
  }

  @Test
  void exposesRuleCountsAndUpstreamBytes() throws IOException {
    Metrics m = metrics().register();
    m.policyRules("default", 6, 1);
    m.upstreamBytes(100, 2000);
    m.upstreamBytes(1, 1);

    String text = scrape();

    assertTrue(text.contains("sockguard_policy_rules{action=\"allow\",profile=\"default\"} 6.0\n"), text);
    assertTrue(text.contains("sockguard_policy_rules{action=\"deny\",profile=\"default\"} 1.0\n"), text);
    assertTrue(text.contains("sockguard_upstream_bytes_total{direction=\"sent\"} 101.0\n"), text);
    assertTrue(text.contains("sockguard_upstream_bytes_total{direction=\"received\"} 2001.0\n"), text);
  }

  @Test
  void ignoresNegativeByteCountsSoTheScrapeNeverFails() throws IOException {
    Metrics m = metrics().register();
    m.upstreamBytes(5, -6112);

    String text = scrape();

    assertTrue(text.contains("sockguard_upstream_bytes_total{direction=\"sent\"} 5.0\n"), text);
    assertFalse(text.contains("direction=\"received\""), text);
  }

  @Test
  void throttleFamiliesCarryProfileReasonAndMode() throws IOException {
    Metrics m = metrics().register();
    m.throttled("batch", "priority_floor", "warn");
    m.inflightStarted("batch");
    m.inflightStarted("batch");
    m.inflightEnded("batch");

    String text = scrape();

    assertTrue(
        text.contains(
            "sockguard_throttle_requests_total{mode=\"warn\",profile=\"batch\",reason_code=\"priority_floor\"} 1.0\n"),
        text);
    assertTrue(text.contains("sockguard_inflight_requests{profile=\"batch\"} 1.0\n"), text);
  }

  @Test
  void refusesValuesOutsideTheBoundedVocabularies() {
    Metrics m = metrics().register();

    assertThrows(IllegalArgumentException.class, () -> m.throttled("default", "matched_deny_rule", "enforce"));
    assertThrows(IllegalArgumentException.class, () -> m.throttled("default", "concurrency_cap", "block"));
    assertThrows(IllegalArgumentException.class, () -> m.configReloaded("maybe"));
  }

  @Test
  void secondRegistrationOnTheSameRegistryFails() {
    metrics().register();

    assertThrows(IllegalStateException.class, () -> metrics().register());
  }

  private static List<String> lines(String text, String prefix) {
    return text.lines().filter(line -> line.startsWith(prefix)).toList();
  }
}
