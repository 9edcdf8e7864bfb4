package io.sockguard.observe;

/**
 * Writes one {@code request} event per completed request. Denials and errors log at WARN, the rest at INFO; a
 * {@code would_deny} (a warn or audit profile let a request through that its policy denies) logs at WARN in warn mode
 * and INFO in audit mode. With {@code log.access_log = false} only denials, would-be denials and errors are logged.
 * Thread-safe.
 */
public final class AccessLog implements ExchangeObserver {
  private final Logger logger;
  private final boolean logAllowed;

  public AccessLog(Logger logger, boolean logAllowed) {
    this.logger = logger;
    this.logAllowed = logAllowed;
  }

  @Override
  public void started() {}

  @Override
  public void completed(ExchangeRecord r) {
    boolean allowed = "allow".equals(r.decision());
    if (allowed && !logAllowed) {
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
