package io.sockguard.health;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one probe now and then once per interval on a virtual thread until closed. Waiting is on a latch that
 * {@link #close()} opens, so shutdown does not wait out an interval.
 */
final class ProbeLoop implements AutoCloseable {
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread thread;

  ProbeLoop(String name, Duration interval, Runnable probe) {
    this.thread =
        Thread.ofVirtual()
            .name(name)
            .start(
                () -> {
                  try {
                    do {
                      probe.run();
                    } while (!stop.await(interval.toNanos(), TimeUnit.NANOSECONDS));
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
  }

  /** Stops the loop and waits for a probe in progress to end (a readiness probe is bounded by its timeout). */
  @Override
  public void close() {
    stop.countDown();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
