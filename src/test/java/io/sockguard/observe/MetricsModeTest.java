package io.sockguard.observe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Denials are counted under the mode the decision was taken in, and throttling under its profile and mode. */
class MetricsModeTest {
  private final PrometheusRegistry registry = new PrometheusRegistry();

  private String scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "enforced denial,   deny,       enforce",
    "warn would-deny,   would_deny, warn",
    "audit would-deny,  would_deny, audit",
  })
  void countsDenialsByTheirMode(String name, String decision, String mode) throws IOException {
    Metrics metrics = Metrics.builder(registry).build("1", "abc", "2025-01-01").register();

    metrics.completed(
        new ExchangeRecord(
            "GET", "/info", "/info", "/info", decision.equals("deny") ? 403 : 200, decision, "no_matching_allow_rule",
            -1, 1, 0, 0, "c", "rollout", null, mode));

    String text = scrape();
    assertTrue(
        text.lines().anyMatch(l -> l.startsWith("sockguard_http_denied_requests_total{")
            && l.contains("mode=\"" + mode + "\"") && l.contains("profile=\"rollout\"") && l.endsWith(" 1.0")),
        text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"enforced, enforce", "warn, warn"})
  void countsThrottlingThroughTheObserverHook(String name, String mode) throws IOException {
    Metrics metrics = Metrics.builder(registry).build("1", "abc", "2025-01-01").register();
    ExchangeObserver observer = ExchangeObserver.all(metrics);

    observer.throttled("10.0.0.7:1", "limited", "rate_limit_exceeded", mode);
    observer.inflightStarted("limited");

    String text = scrape();
    assertTrue(
        text.lines().anyMatch(l -> l.startsWith("sockguard_throttle_requests_total{")
            && l.contains("mode=\"" + mode + "\"") && l.contains("reason_code=\"rate_limit_exceeded\"")),
        text);
    assertTrue(text.lines().anyMatch(l -> l.startsWith("sockguard_inflight_requests{profile=\"limited\"} 1")), text);
  }
}
