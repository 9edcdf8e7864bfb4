package io.sockguard.throttle;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** A nanosecond clock that moves only when a test says so. */
final class FakeNanos implements LongSupplier {
  private final AtomicLong now;

  FakeNanos(long start) {
    this.now = new AtomicLong(start);
  }

  FakeNanos() {
    this(1_000_000_000L);
  }

  void advance(Duration by) {
    now.addAndGet(by.toNanos());
  }

  @Override
  public long getAsLong() {
    return now.get();
  }
}
