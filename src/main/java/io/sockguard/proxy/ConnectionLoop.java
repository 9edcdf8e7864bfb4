package io.sockguard.proxy;

import io.sockguard.http.HeadReader;
import io.sockguard.http.HttpLimits;
import io.sockguard.http.HttpProtocolException;
import io.sockguard.http.RequestHead;
import io.sockguard.listen.Connection;
import io.sockguard.listen.Deadlines;
import io.sockguard.observe.Logger;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Serves one client connection's keep-alive sequence of requests, and knows every live connection so that shutdown
 * can drain them. Slow clients are bounded by two limits: {@code idleTimeout} between requests and
 * {@code headerTimeout} from a request's first byte to the end of its head. Responses and hijacked streams have no
 * limit at all: long {@code logs -f} and {@code events} streams are never cut by sockguard. Thread-safe.
 */
public final class ConnectionLoop {
  private final ProxyHandler handler;
  private final Deadlines deadlines;
  private final HttpLimits limits;
  private final long headerTimeoutNanos;
  private final long idleTimeoutNanos;
  private final Logger logger;
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
  private volatile boolean draining;

  public ConnectionLoop(
      ProxyHandler handler,
      Deadlines deadlines,
      HttpLimits limits,
      Duration headerTimeout,
      Duration idleTimeout,
      Logger logger) {
    this.handler = handler;
    this.deadlines = deadlines;
    this.limits = limits;
    this.headerTimeoutNanos = headerTimeout.toNanos();
    this.idleTimeoutNanos = idleTimeout.toNanos();
    this.logger = logger;
  }

  /** Serves {@code connection} until it closes; runs on the connection's own virtual thread and closes it. */
  public void serve(Connection connection) {
    Session session = new Session(connection, deadlines);
    sessions.add(session);
    session.draining = draining;
    try {
      if (draining) {
        return;
      }
      HeadReader reader = new HeadReader(connection.in(), limits);
      while (!draining) {
        session.clientDeadline.arm(idleTimeoutNanos);
        if (!connection.in().awaitData()) {
          return;
        }
        session.clientDeadline.arm(headerTimeoutNanos);
        RequestHead head;
        try {
          head = reader.readRequest();
        } catch (HttpProtocolException e) {
          session.clientDeadline.disarm();
          handler.refuseMalformed(session, e);
          return;
        }
        session.clientDeadline.disarm();
        if (head == null || !handler.handle(session, head)) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away, or a deadline closed the connection: nothing left to answer
    } catch (RuntimeException e) {
      logger.error(
          "connection failed",
          "client", connection.identity().describe(),
          "error", e.toString());
    } finally {
      sessions.remove(session);
      session.release();
    }
  }

  /** Live connections right now. */
  public int activeConnections() {
    return sessions.size();
  }

  /**
   * Stops serving: idle connections and streams close now, finite requests get up to {@code grace} to finish (their
   * responses say {@code Connection: close}), then everything left is closed. Blocks until done.
   */
  public void drain(Duration grace) {
    draining = true;
    sessions.forEach(session -> session.draining = true);
    long deadline = System.nanoTime() + grace.toNanos();
    while (true) {
      boolean finiteLeft = false;
      for (Session session : sessions) {
        if (session.state == Session.State.FINITE) {
          finiteLeft = true;
        } else {
          session.close();
        }
      }
      if (!finiteLeft || System.nanoTime() - deadline >= 0) {
        break;
      }
      LockSupport.parkNanos(20_000_000L);
    }
    sessions.forEach(Session::close);
  }
}
