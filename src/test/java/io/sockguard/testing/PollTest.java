package io.sockguard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class PollTest {

  @Test
  void returnsAsSoonAsTheConditionHolds() {
    AtomicInteger checks = new AtomicInteger();

    Poll.until(Duration.ofSeconds(5), () -> checks.incrementAndGet() >= 3);

    assertEquals(3, checks.get());
  }

  @Test
  void failsNamingTheConditionWhenItNeverHolds() {
    AssertionFailedError failure =
        assertThrows(
            AssertionFailedError.class,
            () -> Poll.until(Duration.ofMillis(50), "the moon turning green", () -> false));

    assertTrue(failure.getMessage().contains("the moon turning green"), failure.getMessage());
  }

  @Test
  void reachedReportsTimeoutInsteadOfFailing() {
    assertFalse(Poll.reached(Duration.ofMillis(30), () -> false));
    assertTrue(Poll.reached(Duration.ofMillis(30), () -> true));
  }
}
