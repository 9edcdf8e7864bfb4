package io.sockguard.observe;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Writes one {@code request} event per completed request. Denials and errors log at WARN, the rest at INFO; a
 * {@code would_deny} (a warn or audit profile let a request through that its policy denies) logs at WARN in warn mode
 * and INFO in audit mode. With {@code log.access_log = false} only denials, would-be denials and errors are logged.
 *
 * <p>Throttling is sampled: a client hammering a rate limit would otherwise write a line per refused request, so at
 * most one line per (client address, reason) per second is written, both for {@code 429} answers and for the
 * {@code throttled} events of warn and audit profiles. Counters (metrics) are never sampled. Thread-safe.
 */
public final class AccessLog implements ExchangeObserver {
  /** Bound on remembered (client, reason) pairs: past it the memory is dropped, costing at most one extra line each. */
  static final int SAMPLED_KEYS = 10_000;

  private static final Set<String> THROTTLE_REASONS =
      Set.of("rate_limit_exceeded", "concurrency_cap", "priority_floor");

  private final Logger logger;
  private final boolean logAllowed;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, Long> lastSecond =
      new ConcurrentHashMap<>();

  public AccessLog(Logger logger, boolean logAllowed) {
    this(logger, logAllowed, System::nanoTime);
  }

  /** With an injected monotonic clock for the throttle sampling. */
  public AccessLog(Logger logger, boolean logAllowed, LongSupplier nanoClock) {
    this.logger = logger;
    this.logAllowed = logAllowed;
    this.nanoClock = nanoClock;
  }

  @Override
  public void throttled(String client, String profile, String reasonCode, String mode) {
    if ("enforce".equals(mode) || !sampled(client, reasonCode)) {
      // an enforced refusal is logged as its 429 request line
      return;
    }
    logger
        .event("audit".equals(mode) ? Level.INFO : Level.WARN, "throttled")
        .field("decision", "would_throttle")
        .field("reason_code", reasonCode)
        .field("profile", profile)
        .field("mode", mode)
        .field("client", client)
        .emit();
  }

  /** Whether this is the first throttle line for the client's address and {@code reason} in the current second. */
  private boolean sampled(String client, String reason) {
    long second = Math.floorDiv(nanoClock.getAsLong(), 1_000_000_000L);
    if (lastSecond.size() > SAMPLED_KEYS) {
      lastSecond.clear();
    }
    String key = address(client) + "|" + reason;
    Long previous = lastSecond.put(key, second);
    return previous == null || previous != second;
  }

  /** The client without its source port, so that new connections of one client share a sample. */
  static String address(String client) {
    if (client == null || client.startsWith("unix:")) {
      return String.valueOf(client);
    }
    int space = client.indexOf(' ');
    String hostPort = space < 0 ? client : client.substring(0, space);
    int colon = hostPort.lastIndexOf(':');
    return (colon < 0 ? hostPort : hostPort.substring(0, colon)) + (space < 0 ? "" : client.substring(space));
  }

  @Override
  public void started() {}

  @Override
  public void completed(ExchangeRecord r) {
    boolean allowed = "allow".equals(r.decision());
    if (allowed && !logAllowed) {
      return;
    }
    if (r.status() == 429 && THROTTLE_REASONS.contains(r.reasonCode()) && !sampled(r.client(), r.reasonCode())) {
      return;
    }
    Level level;
    if (allowed) {
      level = Level.INFO;
    } else if ("would_deny".equals(r.decision())) {
      level = "audit".equals(r.mode()) ? Level.INFO : Level.WARN;
    } else {
      level = Level.WARN;
    }
    Logger.Event event = logger.event(level, "request");
    event
        .field("method", r.method())
        .field("path", r.rawPath())
        .field("normalized_path", r.normalizedPath())
        .field("route", r.route())
        .field("status", r.status())
        .field("decision", r.decision())
        .field("reason_code", r.reasonCode())
        .field("rule", r.rule() >= 0 ? r.rule() : null)
        .field("profile", r.profile())
        .field("mode", r.mode())
        .field("duration_ms", Math.round(r.durationNanos() / 10_000.0) / 100.0)
        .field("bytes_in", r.bytesIn())
        .field("bytes_out", r.bytesOut())
        .field("client", r.client());
    TraceContext t = r.trace();
    if (t != null) {
      event
          .field("request_id", t.requestId())
          .field("trace_id", t.traceId())
          .field("trace_span_id", t.spanId())
          .field("trace_parent_id", t.parentId())
          .field("trace_sampled", t.sampled());
    }
    event.emit();
  }
}
