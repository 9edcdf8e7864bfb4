package io.sockguard.health;

import io.sockguard.observe.Level;
import io.sockguard.observe.Logger;
import io.sockguard.upstream.UpstreamDialer;
import io.sockguard.upstream.UpstreamUnreachableException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Dials the daemon's socket every interval and keeps the latest result for {@code /health}. Logs once per edge, not
 * per check: WARN when the socket becomes unreachable (including at the first check), INFO when it recovers, each
 * with {@code upstream_socket}, {@code upstream_status}, {@code up} and {@code error}.
 *
 * <p>{@link #start()} runs the checks on a virtual thread; {@link #check()} runs one on the caller's thread, which is
 * how tests drive it without waiting. Thread-safe; the owner closes it.
 */
public final class Watchdog implements AutoCloseable {
  private final UpstreamDialer dialer;
  private final Duration interval;
  private final Logger logger;
  private final Clock clock;
  private final ProbeListener listener;
  // a lock rather than synchronized: a check blocks in connect, which would pin a virtual thread's carrier on JDK 21
  private final ReentrantLock checking = new ReentrantLock();
  private volatile UpstreamStatus latest;
  private ProbeLoop loop;

  /**
   * @param dialer a dialer without listeners of its own, so watchdog dials do not count as client traffic
   */
  public Watchdog(UpstreamDialer dialer, Duration interval, Logger logger, Clock clock, ProbeListener listener) {
    this.dialer = Objects.requireNonNull(dialer, "dialer");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.logger = Objects.requireNonNull(logger, "logger");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Checks now, then every interval, on a virtual thread. */
  public synchronized void start() {
    if (loop == null) {
      loop = new ProbeLoop("sockguard-watchdog", interval, this::check);
    }
  }

  /** Dials once, records and reports the result, and logs if reachability changed. */
  public UpstreamStatus check() {
    checking.lock();
    try {
      return checkLocked();
    } finally {
      checking.unlock();
    }
  }

  private UpstreamStatus checkLocked() {
    UpstreamStatus now;
    try {
      dialer.dial().close();
      now = UpstreamStatus.up(clock.instant());
    } catch (UpstreamUnreachableException e) {
      now = UpstreamStatus.down(e.getMessage(), clock.instant());
    }
    UpstreamStatus before = latest;
    latest = now;
    listener.probed(now.up());
    boolean edge = before == null ? !now.up() : before.up() != now.up();
    if (edge) {
      logger
          .event(now.up() ? Level.INFO : Level.WARN, "upstream socket watchdog state changed")
          .field("upstream_socket", dialer.socket().toString())
          .field("upstream_status", now.up() ? "connected" : "unreachable")
          .field("up", now.up())
          .field("error", now.error())
          .emit();
    }
    return now;
  }

  /** The latest result; checks once now if none exists yet. */
  public UpstreamStatus status() {
    UpstreamStatus current = latest;
    return current != null ? current : check();
  }

  @Override
  public void close() {
    ProbeLoop running;
    synchronized (this) {
      running = loop;
      loop = null;
    }
    if (running != null) {
      running.close();
    }
  }
}
