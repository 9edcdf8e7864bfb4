package io.sockguard.throttle;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The right to be in flight, held from admission until the response (or hijacked stream) ends. Closing gives the slots
 * back; it is idempotent and thread-safe, so every exit path can close it (try-with-resources plus an abort handler,
 * say) and the slots are still released exactly once.
 */
public final class Permit implements AutoCloseable {
  /** A permit that holds nothing, for requests no concurrency limit applies to; closing it does nothing. */
  public static final Permit NONE = new Permit(null, null);

  private static final VarHandle RELEASED;

  static {
    try {
      RELEASED = MethodHandles.lookup().findVarHandle(Permit.class, "released", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final PriorityFloor floor;
  private final ConcurrencyGate gate;

  private volatile boolean released;

  Permit(PriorityFloor floor, ConcurrencyGate gate) {
    this.floor = floor;
    this.gate = gate;
  }

  /** Whether {@link #close()} has run (always false for {@link #NONE}, which holds nothing to release). */
  public boolean isReleased() {
    return released;
  }

  /** Releases the held slots the first time; later calls do nothing. */
  @Override
  public void close() {
    if (this == NONE || !RELEASED.compareAndSet(this, false, true)) {
      return;
    }
    // the reverse of the order they were taken in: the profile's slot, then the global one
    if (gate != null) {
      gate.release();
    }
    if (floor != null) {
      floor.release();
    }
  }
}
