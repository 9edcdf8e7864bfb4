package io.sockguard.throttle;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenBucketTest {
  private final FakeNanos clock = new FakeNanos();

  private static int drain(TokenBucket bucket) {
    int granted = 0;
    while (bucket.tryAcquire(1).granted()) {
      granted++;
      if (granted > TokenBucket.MAX_BURST) {
        throw new AssertionError("bucket never ran dry");
      }
    }
    return granted;
  }

  @Test
  void startsFullWithExactlyBurstTokens() {
    TokenBucket bucket = new TokenBucket(5, 10, clock);

    assertEquals(10.0, bucket.available(), 1e-9);
    assertEquals(10, drain(bucket));
  }

  static Stream<Arguments> awkwardRates() {
    return Stream.of(
        // case, tokens per second, burst
        Arguments.of("rate 3 (interval rounds down)", 3.0, 3),
        Arguments.of("rate 7 (interval rounds up)", 7.0, 7),
        Arguments.of("rate 13 burst 40", 13.0, 40),
        Arguments.of("fractional rate 0.3", 0.3, 1),
        Arguments.of("fractional rate 2.5 burst 3", 2.5, 3),
        Arguments.of("largest rate and burst", 65_535.0, 65_535));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("awkwardRates")
  void grantsAWholeBurstWhateverTheRounding(String name, double rate, int burst) {
    TokenBucket bucket = new TokenBucket(rate, burst, clock);

    assertEquals(burst, drain(bucket));
  }

  @Test
  void refillsAtTheConfiguredRate() {
    TokenBucket bucket = new TokenBucket(5, 5, clock);
    drain(bucket);

    clock.advance(Duration.ofMillis(199));
    assertFalse(bucket.tryAcquire(1).granted(), "199 ms at 5/s is not yet a token");
    clock.advance(Duration.ofMillis(1));
    assertTrue(bucket.tryAcquire(1).granted(), "200 ms at 5/s is one token");
    assertFalse(bucket.tryAcquire(1).granted());
    clock.advance(Duration.ofMillis(600));
    assertEquals(3, drain(bucket));
  }

  @Test
  void neverRefillsBeyondTheBurst() {
    TokenBucket bucket = new TokenBucket(100, 150, clock);
    drain(bucket);

    clock.advance(Duration.ofHours(5));

    assertEquals(150.0, bucket.available(), 1e-9);
    assertEquals(150, drain(bucket));
  }

  @Test
  void aCostTakesThatManyTokens() {
    TokenBucket bucket = new TokenBucket(10, 10, clock);

    assertSame(Acquire.GRANTED, bucket.tryAcquire(7));

    assertEquals(3.0, bucket.available(), 1e-9);
    assertFalse(bucket.tryAcquire(4).granted());
    assertTrue(bucket.tryAcquire(3).granted());
  }

  @Test
  void aRefusalTakesNothing() {
    TokenBucket bucket = new TokenBucket(10, 10, clock);
    bucket.tryAcquire(8);

    assertFalse(bucket.tryAcquire(5).granted());

    assertEquals(2.0, bucket.available(), 1e-9);
    assertTrue(bucket.tryAcquire(2).granted());
  }

  static Stream<Arguments> retryAfter() {
    return Stream.of(
        // case, rate, burst, tokens taken first, then wait (ms), cost asked, expected Retry-After seconds
        Arguments.of("one per second, empty", 1.0, 1, 1, 0, 1, 1L),
        Arguments.of("slow rate waits long", 0.1, 1, 1, 0, 1, 10L),
        Arguments.of("half a token short rounds up", 1.0, 5, 5, 500, 1, 1L),
        Arguments.of("two and a half seconds short rounds up to 3", 1.0, 5, 5, 500, 3, 3L),
        Arguments.of("a whole burst at 2/s", 2.0, 4, 4, 0, 4, 2L),
        Arguments.of("a millisecond short is still a second", 1.0, 1, 1, 999, 1, 1L),
        Arguments.of("fast rate still says at least 1", 1000.0, 1000, 1000, 0, 1, 1L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("retryAfter")
  void saysWhenTheCostWouldBeGranted(
      String name, double rate, int burst, int taken, long waitMillis, int cost, long expected) {
    TokenBucket bucket = new TokenBucket(rate, burst, clock);
    assertTrue(bucket.tryAcquire(taken).granted());
    clock.advance(Duration.ofMillis(waitMillis));

    Acquire acquire = bucket.tryAcquire(cost);

    assertFalse(acquire.granted());
    assertEquals(expected, acquire.retryAfterSeconds());
  }

  @Test
  void theRetryAfterItGivesIsEnough() {
    TokenBucket bucket = new TokenBucket(0.4, 2, clock);
    drain(bucket);
    Acquire refused = bucket.tryAcquire(2);

    clock.advance(Duration.ofSeconds(refused.retryAfterSeconds()));

    assertTrue(bucket.tryAcquire(2).granted());
  }

  @Test
  void refundGivesTokensBackButNotBeyondTheBurst() {
    TokenBucket bucket = new TokenBucket(1, 4, clock);
    bucket.tryAcquire(3);

    bucket.refund(2);
    assertEquals(3.0, bucket.available(), 1e-9);

    bucket.refund(4);
    assertEquals(4.0, bucket.available(), 1e-9);
    assertEquals(4, drain(bucket));
  }

  @Test
  void refillsAcrossTheNanoClockWrapping() {
    FakeNanos nearWrap = new FakeNanos(Long.MAX_VALUE - 500_000_000L);
    TokenBucket bucket = new TokenBucket(2, 2, nearWrap);
    drain(bucket);

    nearWrap.advance(Duration.ofSeconds(1)); // the clock value wraps to negative here

    assertEquals(2, drain(bucket));
    assertFalse(bucket.tryAcquire(1).granted());
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        // case, tokens per second, burst, expected words in the message
        Arguments.of("zero rate", 0.0, 1, "tokens_per_second"),
        Arguments.of("negative rate", -1.0, 1, "tokens_per_second"),
        Arguments.of("NaN rate", Double.NaN, 1, "tokens_per_second"),
        Arguments.of("rate below the minimum", 0.0001, 1, "tokens_per_second"),
        Arguments.of("rate above the maximum", 65_536.0, 65_535, "tokens_per_second"),
        Arguments.of("burst below the rate", 10.0, 9, "burst"),
        Arguments.of("burst below a fractional rate", 1.5, 1, "burst"),
        Arguments.of("zero burst", 0.5, 0, "burst"),
        Arguments.of("burst above 65535", 1.0, 65_536, "burst"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void refusesSettingsOutOfBounds(String name, double rate, int burst, String word) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(rate, burst, clock));
    assertTrue(e.getMessage().contains(word), e.getMessage());
  }

  @Test
  void acceptsTheBoundsThemselves() {
    assertAll(
        () -> assertEquals(65_535, new TokenBucket(65_535, 65_535, clock).burst()),
        () -> assertEquals(1, new TokenBucket(TokenBucket.MIN_TOKENS_PER_SECOND, 1, clock).burst()),
        () -> assertEquals(10, new TokenBucket(10, 10, clock).burst()));
  }

  static Stream<Arguments> defaultBursts() {
    return Stream.of(
        // case, tokens per second, expected burst
        Arguments.of("whole rate", 20.0, 20),
        Arguments.of("fractional rate rounds up", 2.5, 3),
        Arguments.of("rate below one gives one", 0.5, 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaultBursts")
  void defaultsTheBurstToTheRate(String name, double rate, int expected) {
    assertEquals(expected, TokenBucket.withDefaultBurst(rate, clock).burst());
  }

  @Test
  void refusesCostsThatCouldNeverBeGranted() {
    TokenBucket bucket = new TokenBucket(5, 10, clock);

    assertThrows(IllegalArgumentException.class, () -> bucket.tryAcquire(0));
    assertThrows(IllegalArgumentException.class, () -> bucket.tryAcquire(11));
    assertThrows(IllegalArgumentException.class, () -> bucket.refund(11));
  }

  @Test
  void racingThreadsNeverTakeMoreThanTheBucketHolds() throws InterruptedException {
    TokenBucket bucket = new TokenBucket(1, 5_000, clock); // the clock stands still: no refill during the race
    AtomicInteger granted = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    awaitQuietly(start);
                    for (int i = 0; i < 2_000; i++) {
                      if (bucket.tryAcquire(1).granted()) {
                        granted.incrementAndGet();
                      }
                    }
                  }));
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertEquals(5_000, granted.get());
    assertEquals(0.0, bucket.available(), 1e-9);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
