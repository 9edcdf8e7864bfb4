package io.sockguard.throttle;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code limits.concurrency.max_inflight}: at most that many requests of one profile in flight at once. Thread-safe
 * and lock-free; the count never exceeds the cap, not even for an instant, because a slot is taken by a
 * compare-and-set that only succeeds below it.
 */
public final class ConcurrencyGate {
  private final int maxInflight;
  private final AtomicInteger inflight = new AtomicInteger();

  /**
   * @param maxInflight at least 1
   */
  public ConcurrencyGate(int maxInflight) {
    if (maxInflight < 1) {
      throw new IllegalArgumentException("max_inflight must be at least 1, got " + maxInflight);
    }
    this.maxInflight = maxInflight;
  }

  public int maxInflight() {
    return maxInflight;
  }

  /** Requests holding a slot right now; for the {@code sockguard_inflight_requests} gauge. */
  public int inflight() {
    return inflight.get();
  }

  /** A permit holding one slot, or empty when {@link #maxInflight()} are already in flight. */
  public Optional<Permit> tryEnter() {
    return tryTake() ? Optional.of(new Permit(null, this)) : Optional.empty();
  }

  boolean tryTake() {
    while (true) {
      int current = inflight.get();
      if (current >= maxInflight) {
        return false;
      }
      if (inflight.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  /** Gives back a slot taken by {@link #tryTake}; only {@link Permit} calls it. */
  void release() {
    int after = inflight.decrementAndGet();
    if (after < 0) {
      inflight.incrementAndGet();
      throw new IllegalStateException("concurrency gate released more often than entered");
    }
  }
}
