package io.sockguard.listen;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Enforces time limits on blocking channel I/O, which has no read timeout of its own: one sweeper thread closes the
 * target of every armed deadline that has passed, which unblocks the thread reading or writing it.
 *
 * <p>Arming and disarming are single volatile writes, cheap enough for every request. Resolution is the sweep tick,
 * so a limit fires between {@code limit} and {@code limit + tick} late. Thread-safe.
 */
public final class Deadlines implements AutoCloseable {
  private final Set<Deadline> registered = ConcurrentHashMap.newKeySet();
  private final LongSupplier nanoClock;
  private final long tickNanos;
  private final Thread sweeper;
  private volatile boolean running = true;

  public Deadlines(LongSupplier nanoClock, long tickNanos) {
    this.nanoClock = nanoClock;
    this.tickNanos = tickNanos;
    this.sweeper = Thread.ofVirtual().name("deadline-sweeper").start(this::sweepLoop);
  }

  /** Registers {@code target} to be closed when its deadline, once armed, passes. Close the handle to unregister. */
  public Deadline register(Closeable target) {
    Deadline deadline = new Deadline(target);
    registered.add(deadline);
    return deadline;
  }

  private void sweepLoop() {
    while (running) {
      LockSupport.parkNanos(tickNanos);
      sweepOnce();
    }
  }

  /** One pass; visible for tests that drive time by hand. */
  void sweepOnce() {
    long now = nanoClock.getAsLong();
    for (Deadline deadline : registered) {
      long at = deadline.at;
      if (at != 0 && now - at >= 0) {
        deadline.fire();
      }
    }
  }

  @Override
  public void close() {
    running = false;
    sweeper.interrupt();
  }

  /** A deadline on one closeable; re-armable; {@link #close()} unregisters it. */
  public final class Deadline implements AutoCloseable {
    private final Closeable target;
    private volatile long at;
    private volatile boolean fired;

    private Deadline(Closeable target) {
      this.target = target;
    }

    /** Closes the target if not disarmed within {@code nanos}. */
    public void arm(long nanos) {
      long at = nanoClock.getAsLong() + nanos;
      this.at = at == 0 ? 1 : at;
    }

    public void disarm() {
      at = 0;
    }

    /** Whether this deadline has closed its target. */
    public boolean hasFired() {
      return fired;
    }

    private void fire() {
      at = 0;
      fired = true;
      try {
        target.close();
      } catch (IOException e) {
        // closing is the whole point; a failure leaves nothing to do
      }
    }

    @Override
    public void close() {
      at = 0;
      registered.remove(this);
    }
  }
}
