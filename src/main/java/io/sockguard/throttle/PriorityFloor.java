package io.sockguard.throttle;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code clients.global_concurrency.max_inflight}, shared by every profile: a request of priority {@code p} is
 * admitted only while fewer than {@link #ceilingFor ceilingFor(p)} requests (of any priority) are in flight, so low
 * priority traffic can fill half the cap, normal 80% and high all of it. Thread-safe and lock-free.
 */
public final class PriorityFloor {
  private final int maxInflight;
  private final int[] ceilings;
  private final AtomicInteger inflight = new AtomicInteger();

  /**
   * @param maxInflight the global cap, at least 1
   */
  public PriorityFloor(int maxInflight) {
    if (maxInflight < 1) {
      throw new IllegalArgumentException("global max_inflight must be at least 1, got " + maxInflight);
    }
    this.maxInflight = maxInflight;
    Priority[] priorities = Priority.values();
    this.ceilings = new int[priorities.length];
    for (Priority priority : priorities) {
      // rounded down so the reserve above a floor is never smaller than its share; but at least 1, or a small cap
      // would lock low priority out entirely
      ceilings[priority.ordinal()] = Math.max(1, (int) ((long) maxInflight * priority.percentOfCap() / 100));
    }
  }

  public int maxInflight() {
    return maxInflight;
  }

  /** How many requests may be in flight when one of {@code priority} is admitted: its floor's ceiling. */
  public int ceilingFor(Priority priority) {
    return ceilings[priority.ordinal()];
  }

  /** Requests of every priority holding a global slot right now. */
  public int inflight() {
    return inflight.get();
  }

  /** A permit holding one global slot, or empty when the floor for {@code priority} is reached. */
  public Optional<Permit> tryEnter(Priority priority) {
    return tryTake(priority) ? Optional.of(new Permit(this, null)) : Optional.empty();
  }

  boolean tryTake(Priority priority) {
    int ceiling = ceilings[priority.ordinal()];
    while (true) {
      int current = inflight.get();
      if (current >= ceiling) {
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
      throw new IllegalStateException("priority floor released more often than entered");
    }
  }
}
