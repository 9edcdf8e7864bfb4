package io.sockguard.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition with a deadline, so tests never use a sleep as an assertion.
 *
 * <p>Stateless and thread-safe. The condition is evaluated on the calling thread.
 */
public final class Poll {

  /** Pause between evaluations: short enough not to slow tests, long enough not to spin a CPU. */
  private static final Duration INTERVAL = Duration.ofMillis(10);

  private Poll() {}

  /**
   * Returns as soon as {@code condition} is true; fails the test if it is still false after {@code
   * timeout}. The condition is evaluated once more at the deadline, so a slow final check is not
   * lost.
   */
  public static void until(Duration timeout, BooleanSupplier condition) {
    until(timeout, "condition", condition);
  }

  /** As {@link #until(Duration, BooleanSupplier)}, naming the condition in the failure message. */
  public static void until(Duration timeout, String description, BooleanSupplier condition) {
    if (!reached(timeout, condition)) {
      fail(description + " not met within " + timeout);
    }
  }

  /**
   * Like {@link #until} but reports the outcome instead of failing: true if the condition became
   * true in time.
   */
  public static boolean reached(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline >= 0) {
        return condition.getAsBoolean();
      }
      LockSupport.parkNanos(INTERVAL.toNanos());
    }
    return true;
  }
}
