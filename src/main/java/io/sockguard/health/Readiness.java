package io.sockguard.health;

import io.sockguard.http.HeadReader;
import io.sockguard.http.HttpLimits;
import io.sockguard.http.HttpProtocolException;
import io.sockguard.http.ResponseHead;
import io.sockguard.observe.Level;
import io.sockguard.observe.Logger;
import io.sockguard.upstream.UpstreamConnection;
import io.sockguard.upstream.UpstreamDialer;
import io.sockguard.upstream.UpstreamUnreachableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Asks the daemon a real question every interval, {@code GET /containers/json?limit=1} over a fresh connection, and
 * keeps the latest answer for {@code /ready}. A dialable socket is not enough: a wedged daemon accepts connections
 * but never answers, so any transport error, a probe exceeding its timeout, or a non-2xx status is unready. Until
 * the first probe finishes the daemon counts as not ready. Logs once per edge like the {@link Watchdog}.
 *
 * <p>{@link #start()} probes on a virtual thread; {@link #probe()} probes on the caller's thread. Thread-safe; the
 * owner closes it.
 */
public final class Readiness implements AutoCloseable {
  private static final byte[] REQUEST =
      ("GET /containers/json?limit=1 HTTP/1.1\r\n"
              + "Host: docker\r\n"
              + "User-Agent: sockguard-readiness\r\n"
              + "Connection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII);

  private final UpstreamDialer dialer;
  private final Duration interval;
  private final Duration timeout;
  private final Logger logger;
  private final Clock clock;
  private final ProbeListener listener;
  private final ReentrantLock probing = new ReentrantLock();
  private volatile UpstreamStatus latest;
  private ProbeLoop loop;

  /**
   * @param dialer a dialer without listeners of its own, so probes do not count as client traffic
   * @param timeout limit for one probe from dial to response head
   */
  public Readiness(
      UpstreamDialer dialer,
      Duration interval,
      Duration timeout,
      Logger logger,
      Clock clock,
      ProbeListener listener) {
    this.dialer = Objects.requireNonNull(dialer, "dialer");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.logger = Objects.requireNonNull(logger, "logger");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** Probes now, then every interval, on a virtual thread. */
  public synchronized void start() {
    if (loop == null) {
      loop = new ProbeLoop("sockguard-readiness", interval, this::probe);
    }
  }

  /** The latest result; not ready (with a reason) before the first probe has finished. */
  public UpstreamStatus status() {
    UpstreamStatus current = latest;
    return current != null ? current : UpstreamStatus.down("no readiness probe has finished yet", null);
  }

  /** Runs one probe, records and reports it, and logs if readiness changed. */
  public UpstreamStatus probe() {
    probing.lock();
    try {
      UpstreamStatus now = ask();
      UpstreamStatus before = latest;
      latest = now;
      listener.probed(now.up());
      if (before == null ? !now.up() : before.up() != now.up()) {
        logger
            .event(now.up() ? Level.INFO : Level.WARN, "upstream readiness changed")
            .field("upstream_socket", dialer.socket().toString())
            .field("upstream_status", now.up() ? "ready" : "unreachable")
            .field("ready", now.up())
            .field("error", now.error())
            .emit();
      }
      return now;
    } finally {
      probing.unlock();
    }
  }

  private UpstreamStatus ask() {
    UpstreamConnection connection;
    try {
      connection = dialer.dial();
    } catch (UpstreamUnreachableException e) {
      return UpstreamStatus.down(e.getMessage(), clock.instant());
    }
    // blocking channels have no read timeout: a watcher closes the connection when the deadline passes
    CountDownLatch answered = new CountDownLatch(1);
    AtomicBoolean timedOut = new AtomicBoolean();
    Thread watcher =
        Thread.ofVirtual()
            .name("sockguard-readiness-deadline")
            .start(
                () -> {
                  try {
                    if (!answered.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                      timedOut.set(true);
                      connection.close();
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    try {
      connection.out().write(REQUEST);
      connection.out().flush();
      ResponseHead head = new HeadReader(connection.in(), HttpLimits.defaults()).readResponse();
      if (head == null) {
        return down(timedOut, "the daemon closed the connection without answering");
      }
      if (head.status() < 200 || head.status() > 299) {
        return UpstreamStatus.down(
            "GET /containers/json answered " + head.status() + " " + head.reason(), clock.instant());
      }
      return UpstreamStatus.up(clock.instant());
    } catch (IOException | HttpProtocolException e) {
      return down(timedOut, String.valueOf(e.getMessage()));
    } finally {
      answered.countDown();
      connection.close();
      watcher.interrupt();
    }
  }

  private UpstreamStatus down(AtomicBoolean timedOut, String error) {
    String reason =
        timedOut.get() ? "GET /containers/json did not answer within " + timeout.toMillis() + "ms" : error;
    return UpstreamStatus.down(reason, clock.instant());
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
