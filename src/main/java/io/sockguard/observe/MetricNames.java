package io.sockguard.observe;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every metric family sockguard exports: exposed name, type, label names and help text, in one place. Dashboards,
 * alert rules and tests refer to these names; {@link Metrics} registers exactly these families. Names are as a
 * scraper sees them, counters with {@code _total} and the build info with {@code _info}, for example:
 *
 * <pre>
 * # TYPE sockguard_http_requests_total counter
 * sockguard_http_requests_total{decision="allow",method="GET",profile="default",route="/containers/json",status="200"} 3.0
 * </pre>
 */
public final class MetricNames {
  public static final String BUILD_INFO = "sockguard_build_info";
  public static final String START_TIME_SECONDS = "sockguard_start_time_seconds";
  public static final String HTTP_REQUESTS_TOTAL = "sockguard_http_requests_total";
  public static final String HTTP_DENIED_REQUESTS_TOTAL = "sockguard_http_denied_requests_total";
  public static final String HTTP_REQUEST_DURATION_SECONDS = "sockguard_http_request_duration_seconds";
  public static final String HTTP_REQUESTS_ACTIVE = "sockguard_http_requests_active";
  public static final String UPSTREAM_SOCKET_UP = "sockguard_upstream_socket_up";
  public static final String UPSTREAM_WATCHDOG_CHECKS_TOTAL = "sockguard_upstream_watchdog_checks_total";
  public static final String UPSTREAM_API_UP = "sockguard_upstream_api_up";
  public static final String UPSTREAM_READINESS_CHECKS_TOTAL = "sockguard_upstream_readiness_checks_total";
  public static final String THROTTLE_REQUESTS_TOTAL = "sockguard_throttle_requests_total";
  public static final String INFLIGHT_REQUESTS = "sockguard_inflight_requests";
  public static final String POLICY_VERSION = "sockguard_policy_version";
  public static final String CONFIG_RELOAD_TOTAL = "sockguard_config_reload_total";
  public static final String CONFIG_RELOAD_LAST_SUCCESS_TIMESTAMP_SECONDS =
      "sockguard_config_reload_last_success_timestamp_seconds";
  public static final String POLICY_RULES = "sockguard_policy_rules";
  public static final String UPSTREAM_BYTES_TOTAL = "sockguard_upstream_bytes_total";
  public static final String HIJACKED_STREAMS_ACTIVE = "sockguard_hijacked_streams_active";

  /** Upper bounds of {@link #HTTP_REQUEST_DURATION_SECONDS}, in seconds ({@code +Inf} is implied). */
  public static final List<Double> DURATION_BUCKETS =
      List.of(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0);

  /** The bounded label values that are fixed vocabularies (routes and methods are bounded where they are made). */
  public static final Set<String> DECISIONS = Set.of("allow", "deny", "would_deny", "error");

  public static final Set<String> MODES = Set.of("enforce", "warn", "audit");
  public static final Set<String> THROTTLE_REASONS = Set.of("rate_limit_exceeded", "concurrency_cap", "priority_floor");
  public static final Set<String> RELOAD_RESULTS =
      Set.of("ok", "reject_load", "reject_validation", "reject_immutable", "reject_signature");

  /** Label values of {@link #UPSTREAM_BYTES_TOTAL}: bytes sockguard sent to the daemon, and received from it. */
  public static final Set<String> BYTE_DIRECTIONS = Set.of("sent", "received");

  /** How a family is exposed. */
  public enum Type {
    COUNTER,
    GAUGE,
    HISTOGRAM,
    /** A constant-1 gauge whose labels carry the information. */
    INFO
  }

  /**
   * One family. For a histogram the scraper also sees {@code _bucket} (with {@code le}), {@code _sum} and
   * {@code _count}.
   *
   * @param optionalLabels labels present only in some deployments (subset of {@code labels})
   */
  public record Family(String name, Type type, List<String> labels, Set<String> optionalLabels, String help) {
    public Family {
      labels = List.copyOf(labels);
      optionalLabels = Set.copyOf(optionalLabels);
    }

    Family(String name, Type type, List<String> labels, String help) {
      this(name, type, labels, Set.of(), help);
    }

    /** The name without the suffix the exposition format appends ({@code _total}, {@code _info}). */
    String baseName() {
      return switch (type) {
        case COUNTER -> name.substring(0, name.length() - "_total".length());
        case INFO -> name.substring(0, name.length() - "_info".length());
        case GAUGE, HISTOGRAM -> name;
      };
    }
  }

  /** All families, in the order of the reference page (the three sockguard-only ones last). */
  public static final List<Family> FAMILIES =
      List.of(
          new Family(
              BUILD_INFO,
              Type.INFO,
              List.of("version", "commit", "build_date", "java_version", "instance_id"),
              Set.of("instance_id"),
              "Build of the running sockguard; constant 1."),
          new Family(START_TIME_SECONDS, Type.GAUGE, List.of(), "Unix time at which the metrics registry was created."),
          new Family(
              HTTP_REQUESTS_TOTAL,
              Type.COUNTER,
              List.of("decision", "method", "profile", "route", "status"),
              "Completed requests."),
          new Family(
              HTTP_DENIED_REQUESTS_TOTAL,
              Type.COUNTER,
              List.of("mode", "profile", "reason_code", "route"),
              "Requests denied, or that would have been denied in warn or audit mode."),
          new Family(
              HTTP_REQUEST_DURATION_SECONDS,
              Type.HISTOGRAM,
              List.of("decision", "method", "profile", "route"),
              "Time from the request head to the end of the response."),
          new Family(HTTP_REQUESTS_ACTIVE, Type.GAUGE, List.of(), "Requests being handled now, streams included."),
          new Family(
              UPSTREAM_SOCKET_UP, Type.GAUGE, List.of(), "1 when the watchdog's last dial of the daemon socket worked."),
          new Family(
              UPSTREAM_WATCHDOG_CHECKS_TOTAL,
              Type.COUNTER,
              List.of("result"),
              "Watchdog dials of the daemon socket by result (connected, unreachable)."),
          new Family(
              UPSTREAM_API_UP, Type.GAUGE, List.of(), "1 when the daemon answered the last readiness probe with 2xx."),
          new Family(
              UPSTREAM_READINESS_CHECKS_TOTAL,
              Type.COUNTER,
              List.of("result"),
              "Readiness probes by result (ready, unreachable)."),
          new Family(
              THROTTLE_REQUESTS_TOTAL,
              Type.COUNTER,
              List.of("profile", "reason_code", "mode"),
              "Requests refused, or that would have been refused, by throttling."),
          new Family(
              INFLIGHT_REQUESTS,
              Type.GAUGE,
              List.of("profile"),
              "Requests in flight for profiles with a concurrency cap."),
          new Family(
              POLICY_VERSION,
              Type.GAUGE,
              List.of(),
              "Policy generation: 1 at start, plus one per successful reload."),
          new Family(CONFIG_RELOAD_TOTAL, Type.COUNTER, List.of("result"), "Configuration reloads by outcome."),
          new Family(
              CONFIG_RELOAD_LAST_SUCCESS_TIMESTAMP_SECONDS,
              Type.GAUGE,
              List.of(),
              "Unix time of the last successful reload; absent until one succeeds."),
          new Family(
              POLICY_RULES, Type.GAUGE, List.of("profile", "action"), "Rules in the active policy by action."),
          new Family(
              UPSTREAM_BYTES_TOTAL,
              Type.COUNTER,
              List.of("direction"),
              "Bytes exchanged with the daemon (sent, received), counted when a daemon connection closes."),
          new Family(
              HIJACKED_STREAMS_ACTIVE, Type.GAUGE, List.of(), "Hijacked connections (attach, exec) relaying now."));

  private static final Map<String, Family> BY_NAME =
      FAMILIES.stream().collect(Collectors.toUnmodifiableMap(Family::name, Function.identity()));

  private MetricNames() {}

  /** The family named {@code name} as exposed (for a histogram, its base name without {@code _bucket} etc.). */
  public static Optional<Family> family(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }
}
