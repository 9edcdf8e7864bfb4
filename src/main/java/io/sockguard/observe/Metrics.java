package io.sockguard.observe;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.sockguard.policy.ReasonCode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * sockguard's Prometheus metrics: the families of {@link MetricNames}, fed by the request pipeline (as an
 * {@link ExchangeObserver}), the health probes and, later, throttling and reloads. Registers itself with the registry
 * it is given and keeps no static state, so tests and a second instance each get their own.
 *
 * <p>Every label value is bounded: routes come templated from {@link ExchangeRecord#route()}, methods outside the
 * standard set become {@code OTHER}, and vocabularies (decision, mode, reason code, result) are checked. The
 * watchdog and readiness families are exported only when those probes are enabled, and the last-reload timestamp only
 * after the first successful reload.
 *
 * <p>Thread-safe and lock-free on the request path.
 */
public final class Metrics implements ExchangeObserver, MultiCollector {
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "CONNECT", "TRACE");
  private static final Map<String, String> REASON_CODES = reasonCodes();

  private final Clock clock;
  private final Labels buildLabels;
  private final Instruments.Gauge startTime = gauge(MetricNames.START_TIME_SECONDS);
  private final boolean watchdogEnabled;
  private final boolean readinessEnabled;

  private final Instruments.Counter requests = counter(MetricNames.HTTP_REQUESTS_TOTAL);
  private final Instruments.Counter denied = counter(MetricNames.HTTP_DENIED_REQUESTS_TOTAL);
  private final Instruments.Histogram duration =
      new Instruments.Histogram(family(MetricNames.HTTP_REQUEST_DURATION_SECONDS), MetricNames.DURATION_BUCKETS);
  private final Instruments.Gauge active = gauge(MetricNames.HTTP_REQUESTS_ACTIVE);
  private final AtomicLong activeRequests = active.level(List.of());
  private final Instruments.Gauge socketUp = gauge(MetricNames.UPSTREAM_SOCKET_UP);
  private final AtomicLong socketUpValue = socketUp.level(List.of());
  private final Instruments.Counter watchdogChecks = counter(MetricNames.UPSTREAM_WATCHDOG_CHECKS_TOTAL);
  private final Instruments.Gauge apiUp = gauge(MetricNames.UPSTREAM_API_UP);
  private final AtomicLong apiUpValue = apiUp.level(List.of());
  private final Instruments.Counter readinessChecks = counter(MetricNames.UPSTREAM_READINESS_CHECKS_TOTAL);
  private final Instruments.Counter throttled = counter(MetricNames.THROTTLE_REQUESTS_TOTAL);
  private final Instruments.Gauge inflight = gauge(MetricNames.INFLIGHT_REQUESTS);
  private final Instruments.Gauge policyVersion = gauge(MetricNames.POLICY_VERSION);
  private final AtomicLong policyVersionValue = policyVersion.level(List.of());
  private final Instruments.Counter reloads = counter(MetricNames.CONFIG_RELOAD_TOTAL);
  private final Instruments.Gauge lastReload = gauge(MetricNames.CONFIG_RELOAD_LAST_SUCCESS_TIMESTAMP_SECONDS);
  private volatile boolean reloadedOnce;
  private final Instruments.Gauge policyRules = gauge(MetricNames.POLICY_RULES);
  private final Instruments.Counter upstreamBytes = counter(MetricNames.UPSTREAM_BYTES_TOTAL);
  private final Instruments.Gauge hijacked = gauge(MetricNames.HIJACKED_STREAMS_ACTIVE);
  private final AtomicLong hijackedStreams = hijacked.level(List.of());

  private Metrics(Builder builder) {
    this.clock = builder.clock;
    this.watchdogEnabled = builder.watchdog;
    this.readinessEnabled = builder.readiness;
    double startSeconds = clock.millis() / 1000.0;
    startTime.set(List.of(), () -> startSeconds);
    Labels labels =
        Labels.of(
            "version", builder.version,
            "commit", builder.commit,
            "build_date", builder.buildDate,
            "java_version", builder.javaVersion);
    if (builder.instanceId != null && !builder.instanceId.isEmpty()) {
      labels = labels.add("instance_id", builder.instanceId);
    }
    this.buildLabels = labels;
    policyVersionValue.set(1);
  }

  /** Starts building metrics that will register with {@code registry}. */
  public static Builder builder(PrometheusRegistry registry) {
    return new Builder(registry);
  }

  // ---- the request pipeline

  @Override
  public void started() {
    activeRequests.incrementAndGet();
  }

  @Override
  public void completed(ExchangeRecord r) {
    activeRequests.decrementAndGet();
    String decision = MetricNames.DECISIONS.contains(r.decision()) ? r.decision() : "error";
    String method = method(r.method());
    String profile = Objects.requireNonNullElse(r.profile(), "default");
    String route = Objects.requireNonNullElse(r.route(), "/other");
    requests.inc(List.of(decision, method, profile, route, status(r.status())));
    duration.observe(List.of(decision, method, profile, route), Math.max(0, r.durationNanos()) / 1e9);
    if (decision.equals("deny") || decision.equals("would_deny")) {
      // the mode the decision was taken under: a real denial is always enforce; a would-deny is warn or audit
      String mode =
          MetricNames.MODES.contains(r.mode()) ? r.mode() : decision.equals("deny") ? "enforce" : "warn";
      denied.inc(List.of(mode, profile, reasonCode(r.reasonCode()), route));
    }
  }

  @Override
  public void hijackStarted() {
    hijackedStreams.incrementAndGet();
  }

  @Override
  public void hijackEnded() {
    hijackedStreams.decrementAndGet();
  }

  /** Adds the bytes one daemon connection carried: {@code sent} to the daemon and {@code received} from it. */
  public void upstreamBytes(long sent, long received) {
    // a counter must never go down (the scrape would fail), so a total read racing another thread is dropped
    if (sent > 0) {
      upstreamBytes.add(List.of("sent"), sent);
    }
    if (received > 0) {
      upstreamBytes.add(List.of("received"), received);
    }
  }

  // ---- health probes

  /** Records one watchdog dial. */
  public void watchdogChecked(boolean connected) {
    socketUpValue.set(connected ? 1 : 0);
    watchdogChecks.inc(List.of(connected ? "connected" : "unreachable"));
  }

  /** Records one readiness probe. */
  public void readinessChecked(boolean ready) {
    apiUpValue.set(ready ? 1 : 0);
    readinessChecks.inc(List.of(ready ? "ready" : "unreachable"));
  }

  // ---- throttling (incremented by the throttle stage)

  /**
   * Counts a request the throttle refused ({@code enforce}) or would have refused ({@code warn}, {@code audit}).
   *
   * @param reasonCode {@code rate_limit_exceeded}, {@code concurrency_cap} or {@code priority_floor}
   */
  public void throttled(String profile, String reasonCode, String mode) {
    requireOneOf(MetricNames.THROTTLE_REASONS, reasonCode, "reasonCode");
    requireOneOf(MetricNames.MODES, mode, "mode");
    throttled.inc(List.of(Objects.requireNonNull(profile, "profile"), reasonCode, mode));
  }

  @Override
  public void throttled(String client, String profile, String reasonCode, String mode) {
    throttled(profile, reasonCode, mode);
  }

  /** One more request in flight for {@code profile} (a profile with {@code max_inflight}). */
  @Override
  public void inflightStarted(String profile) {
    inflight.level(List.of(Objects.requireNonNull(profile, "profile"))).incrementAndGet();
  }

  /** One fewer request in flight for {@code profile}. */
  @Override
  public void inflightEnded(String profile) {
    inflight.level(List.of(Objects.requireNonNull(profile, "profile"))).decrementAndGet();
  }

  // ---- policy and reloads

  /** Sets the number of rules by action in the active policy for {@code profile}. */
  public void policyRules(String profile, int allowRules, int denyRules) {
    Objects.requireNonNull(profile, "profile");
    long allow = allowRules;
    long deny = denyRules;
    policyRules.set(List.of(profile, "allow"), () -> allow);
    policyRules.set(List.of(profile, "deny"), () -> deny);
  }

  /** Advances the policy generation after a successful reload; returns the new generation. */
  public long policyVersionTicked() {
    return policyVersionValue.incrementAndGet();
  }

  /**
   * Counts one reload outcome; {@code ok} also sets the last-success timestamp, which appears from then on.
   *
   * @param result {@code ok}, {@code reject_load}, {@code reject_validation}, {@code reject_immutable} or
   *     {@code reject_signature}
   */
  public void configReloaded(String result) {
    requireOneOf(MetricNames.RELOAD_RESULTS, result, "result");
    reloads.inc(List.of(result));
    if (result.equals("ok")) {
      double now = clock.millis() / 1000.0;
      lastReload.set(List.of(), () -> now);
      reloadedOnce = true;
    }
  }

  /**
   * Records one reload attempt as the reload machinery reports it: the outcome, the policy generation now in force,
   * and the attempt's time (the last-success timestamp when {@code result} is {@code ok}).
   */
  public void reloaded(String result, long policyGeneration, long epochSeconds) {
    requireOneOf(MetricNames.RELOAD_RESULTS, result, "result");
    reloads.inc(List.of(result));
    policyVersionValue.set(policyGeneration);
    if (result.equals("ok")) {
      double at = epochSeconds;
      lastReload.set(List.of(), () -> at);
      reloadedOnce = true;
    }
  }

  // ---- collection

  @Override
  public MetricSnapshots collect() {
    List<MetricSnapshot> out = new ArrayList<>(MetricNames.FAMILIES.size());
    out.add(Instruments.info(family(MetricNames.BUILD_INFO), buildLabels));
    out.add(startTime.snapshot());
    out.add(requests.snapshot());
    out.add(denied.snapshot());
    out.add(duration.snapshot());
    out.add(active.snapshot());
    if (watchdogEnabled) {
      out.add(socketUp.snapshot());
      out.add(watchdogChecks.snapshot());
    }
    if (readinessEnabled) {
      out.add(apiUp.snapshot());
      out.add(readinessChecks.snapshot());
    }
    out.add(throttled.snapshot());
    out.add(inflight.snapshot());
    out.add(policyVersion.snapshot());
    out.add(reloads.snapshot());
    if (reloadedOnce) {
      out.add(lastReload.snapshot());
    }
    out.add(policyRules.snapshot());
    out.add(upstreamBytes.snapshot());
    out.add(hijacked.snapshot());
    return new MetricSnapshots(out);
  }

  /** The base names of every family, so registering a second collector with the same names fails loudly. */
  @Override
  public List<String> getPrometheusNames() {
    return MetricNames.FAMILIES.stream().map(MetricNames.Family::baseName).toList();
  }

  // ---- label bounding

  private static String method(String method) {
    return method != null && METHODS.contains(method) ? method : "OTHER";
  }

  private static String status(int status) {
    return status >= 100 && status <= 599 ? Integer.toString(status) : "0";
  }

  private static String reasonCode(String wire) {
    return wire == null ? "unknown" : REASON_CODES.getOrDefault(wire, "unknown");
  }

  private static Map<String, String> reasonCodes() {
    Map<String, String> codes = new HashMap<>();
    for (ReasonCode code : ReasonCode.values()) {
      codes.put(code.wire(), code.wire());
    }
    return Map.copyOf(codes);
  }

  private static void requireOneOf(Set<String> allowed, String value, String what) {
    if (value == null || !allowed.contains(value)) {
      throw new IllegalArgumentException(what + " must be one of " + allowed + ", got " + value);
    }
  }

  private static MetricNames.Family family(String name) {
    return MetricNames.family(name).orElseThrow();
  }

  private static Instruments.Counter counter(String name) {
    return new Instruments.Counter(family(name));
  }

  private static Instruments.Gauge gauge(String name) {
    return new Instruments.Gauge(family(name));
  }

  /** Settings for {@link Metrics}; not thread-safe, use once. */
  public static final class Builder {
    private final PrometheusRegistry registry;
    private Clock clock = Clock.systemUTC();
    private String version = "dev";
    private String commit = "unknown";
    private String buildDate = "unknown";
    private String javaVersion = Runtime.version().toString();
    private String instanceId;
    private boolean watchdog;
    private boolean readiness;

    private Builder(PrometheusRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The {@code sockguard_build_info} labels. */
    public Builder build(String version, String commit, String buildDate) {
      this.version = Objects.requireNonNull(version, "version");
      this.commit = Objects.requireNonNull(commit, "commit");
      this.buildDate = Objects.requireNonNull(buildDate, "buildDate");
      return this;
    }

    public Builder javaVersion(String javaVersion) {
      this.javaVersion = Objects.requireNonNull(javaVersion, "javaVersion");
      return this;
    }

    /** Adds {@code instance_id} to {@code sockguard_build_info} only; null or empty leaves it out. */
    public Builder instanceId(String instanceId) {
      this.instanceId = instanceId;
      return this;
    }

    /** The clock for the start time and reload timestamps. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Whether the watchdog families are exported. */
    public Builder watchdog(boolean enabled) {
      this.watchdog = enabled;
      return this;
    }

    /** Whether the readiness families are exported. */
    public Builder readiness(boolean enabled) {
      this.readiness = enabled;
      return this;
    }

    /** Creates the metrics and registers them. */
    public Metrics register() {
      Metrics metrics = new Metrics(this);
      registry.register(metrics);
      return metrics;
    }
  }
}
