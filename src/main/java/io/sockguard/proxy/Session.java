package io.sockguard.proxy;

import io.sockguard.listen.Connection;
import io.sockguard.listen.Deadlines;
import io.sockguard.upstream.UpstreamConnection;
import io.sockguard.upstream.UpstreamDialer;

/**
 * One client connection's state across its keep-alive requests: the client, its paired daemon connection (reused
 * while both sides keep alive, redialled otherwise) and what it is doing now, which decides how shutdown treats it.
 * Confined to the connection's thread except {@link #state} and {@link #close()}.
 */
final class Session {
  enum State {
    IDLE,
    FINITE,
    STREAMING
  }

  final Connection client;
  final Deadlines.Deadline clientDeadline;
  private final Deadlines deadlines;
  private UpstreamConnection upstream;
  private Deadlines.Deadline upstreamDeadline;
  private boolean upstreamReused;
  volatile State state = State.IDLE;

  /** Set by shutdown: the exchange in progress answers {@code Connection: close} and is the last one. */
  volatile boolean draining;

  Session(Connection client, Deadlines deadlines) {
    this.client = client;
    this.deadlines = deadlines;
    this.clientDeadline = deadlines.register(client);
  }

  /**
   * The daemon connection for the next request: the paired one if it is still open and {@code mayReuse}, else a
   * fresh dial. Throws {@code UpstreamUnreachableException}.
   */
  UpstreamConnection upstream(UpstreamDialer dialer, boolean mayReuse) {
    if (upstream != null && upstream.isOpen() && mayReuse) {
      upstreamReused = true;
      return upstream;
    }
    dropUpstream();
    upstream = dialer.dial();
    upstreamDeadline = deadlines.register(upstream);
    upstreamReused = false;
    return upstream;
  }

  /** Whether the connection handed out last had served an earlier request (and so may have gone stale). */
  boolean upstreamWasReused() {
    return upstreamReused;
  }

  Deadlines.Deadline upstreamDeadline() {
    return upstreamDeadline;
  }

  void dropUpstream() {
    if (upstream != null) {
      upstream.close();
      upstreamDeadline.close();
      upstream = null;
      upstreamDeadline = null;
    }
  }

  /** Closes both sides; safe from any thread, unblocks whatever is reading them. */
  void close() {
    client.close();
    UpstreamConnection current = upstream;
    if (current != null) {
      current.close();
    }
  }

  void release() {
    dropUpstream();
    clientDeadline.close();
    client.close();
  }
}
