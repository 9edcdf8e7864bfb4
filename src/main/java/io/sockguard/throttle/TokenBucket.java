package io.sockguard.throttle;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket refilled at {@code tokensPerSecond} up to {@code burst} tokens, starting full. Thread-safe and
 * lock-free; {@link #tryAcquire} allocates nothing when it grants.
 *
 * <p>The whole state is one {@code long}: the instant (on the injected nanosecond clock) at which the bucket would be
 * full again, the "theoretical arrival time" of the generic cell rate algorithm. Holding {@code n} tokens is the same
 * as that instant lying {@code (burst - n)} token-intervals ahead of now, so taking tokens pushes it forward and time
 * passing refills the bucket without anyone writing. One compare-and-set per grant, no second field to keep in step.
 * Tokens are counted in whole-nanosecond intervals ({@code round(1e9 / tokensPerSecond)}), so the effective rate is
 * within 0.004% of the configured one and all arithmetic is exact.
 */
public final class TokenBucket {
  /** The largest burst (and so the largest rate and cost) a bucket accepts. */
  public static final int MAX_BURST = 65_535;

  /** The smallest rate: one token every 1,000 seconds; below it the interval arithmetic could overflow. */
  public static final double MIN_TOKENS_PER_SECOND = 0.001;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final double tokensPerSecond;
  private final int burst;
  private final long intervalNanos;
  private final long capacityNanos;
  private final LongSupplier nanoClock;
  private final AtomicLong fullAt;

  /**
   * @param tokensPerSecond refill rate, from {@link #MIN_TOKENS_PER_SECOND} to {@link #MAX_BURST}
   * @param burst the most tokens the bucket holds, at least {@code tokensPerSecond} and at most {@link #MAX_BURST}
   * @param nanoClock a monotonic clock in nanoseconds, such as {@code System::nanoTime}
   * @throws IllegalArgumentException naming the bad value and what is allowed
   */
  public TokenBucket(double tokensPerSecond, int burst, LongSupplier nanoClock) {
    if (!(tokensPerSecond >= MIN_TOKENS_PER_SECOND && tokensPerSecond <= MAX_BURST)) {
      throw new IllegalArgumentException(
          "tokens_per_second must be from " + MIN_TOKENS_PER_SECOND + " to " + MAX_BURST + ", got " + tokensPerSecond);
    }
    if (burst < tokensPerSecond || burst < 1 || burst > MAX_BURST) {
      throw new IllegalArgumentException(
          "burst must be at least tokens_per_second (" + tokensPerSecond + ") and 1, and at most " + MAX_BURST
              + ", got " + burst);
    }
    this.tokensPerSecond = tokensPerSecond;
    this.burst = burst;
    this.intervalNanos = Math.max(1, Math.round(NANOS_PER_SECOND / tokensPerSecond));
    this.capacityNanos = burst * intervalNanos;
    this.nanoClock = nanoClock;
    this.fullAt = new AtomicLong(nanoClock.getAsLong());
  }

  /** A bucket whose burst is the rate rounded up: one second's worth of tokens. */
  public static TokenBucket withDefaultBurst(double tokensPerSecond, LongSupplier nanoClock) {
    double rounded = Math.ceil(tokensPerSecond);
    int burst = rounded >= 1 && rounded <= MAX_BURST ? (int) rounded : 1;
    return new TokenBucket(tokensPerSecond, burst, nanoClock);
  }

  public double tokensPerSecond() {
    return tokensPerSecond;
  }

  public int burst() {
    return burst;
  }

  /**
   * Takes {@code cost} tokens if the bucket holds that many; otherwise takes nothing and says how long until it would.
   *
   * @param cost from 1 to {@link #burst()}
   * @throws IllegalArgumentException if {@code cost} is out of range (a bigger cost could never be granted)
   */
  public Acquire tryAcquire(int cost) {
    checkCost(cost);
    long costNanos = cost * intervalNanos;
    while (true) {
      long now = nanoClock.getAsLong();
      long current = fullAt.get();
      long next = later(current, now) + costNanos;
      long overdraw = next - now - capacityNanos;
      if (overdraw > 0) {
        return Acquire.retryAfter(Math.max(1, Math.ceilDiv(overdraw, NANOS_PER_SECOND)));
      }
      if (fullAt.compareAndSet(current, next)) {
        return Acquire.GRANTED;
      }
    }
  }

  /**
   * Gives back {@code cost} tokens taken by a grant whose request was then refused by a later check, so a refusal
   * costs the client nothing. Never fills the bucket beyond {@link #burst()}.
   */
  public void refund(int cost) {
    checkCost(cost);
    long costNanos = cost * intervalNanos;
    while (true) {
      long now = nanoClock.getAsLong();
      long current = fullAt.get();
      if (current - now <= 0) {
        return; // already full again
      }
      long next = current - costNanos;
      if (next - now < 0) {
        next = now;
      }
      if (fullAt.compareAndSet(current, next)) {
        return;
      }
    }
  }

  /** Tokens available right now, fractional while refilling; for metrics and tests. */
  public double available() {
    long now = nanoClock.getAsLong();
    long owed = later(fullAt.get(), now) - now;
    return (double) (capacityNanos - owed) / intervalNanos;
  }

  private void checkCost(int cost) {
    if (cost < 1 || cost > burst) {
      throw new IllegalArgumentException("cost must be from 1 to the burst (" + burst + "), got " + cost);
    }
  }

  /** The later of two instants on a clock that may wrap (compare by difference, as {@code System.nanoTime} asks). */
  private static long later(long a, long b) {
    return a - b > 0 ? a : b;
  }
}
