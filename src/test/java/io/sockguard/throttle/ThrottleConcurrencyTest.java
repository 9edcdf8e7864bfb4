package io.sockguard.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** 64 parallel callers against a cap of 8, on platform threads so they really run at once. */
class ThrottleConcurrencyTest {
  private static final int THREADS = 64;
  private static final int CAP = 8;

  private final ConcurrencyGate gate = new ConcurrencyGate(CAP);
  private final PriorityFloor floor = new PriorityFloor(1_000);
  private final Throttle throttle =
      Throttle.builder().priorityFloor(floor, Priority.NORMAL).concurrency(gate).build();

  @Test
  void sixtyFourSimultaneousCallersGetExactlyEightPermits() throws InterruptedException {
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch decided = new CountDownLatch(THREADS);
    CountDownLatch finish = new CountDownLatch(1);
    AtomicInteger admitted = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    await(start);
                    if (throttle.tryAdmit("GET", "/containers/json") instanceof Outcome.Admitted a) {
                      admitted.incrementAndGet();
                      decided.countDown();
                      try {
                        await(finish); // hold the slot until every caller has tried
                      } finally {
                        a.permit().close();
                      }
                    } else {
                      decided.countDown();
                    }
                  }));
    }
    start.countDown();
    assertTrue(decided.await(30, TimeUnit.SECONDS));

    assertEquals(CAP, admitted.get());
    assertEquals(CAP, gate.inflight());
    finish.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(0, gate.inflight());
    assertEquals(0, floor.inflight());
  }

  @Test
  void churningCallersNeverExceedEightInFlight() throws InterruptedException {
    int attemptsEach = 2_000;
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    await(start);
                    for (int i = 0; i < attemptsEach; i++) {
                      switch (throttle.tryAdmit("GET", "/containers/json")) {
                        case Outcome.Admitted a -> {
                          try {
                            maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                            Thread.yield(); // give the others a chance to pile up at the gate
                            inside.decrementAndGet();
                          } finally {
                            a.permit().close();
                          }
                          admitted.incrementAndGet();
                        }
                        case Outcome.Refused r -> refused.incrementAndGet();
                        case Outcome.WouldRefuse w -> throw new AssertionError("enforcing throttle said " + w);
                      }
                    }
                  }));
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertTrue(maxInside.get() <= CAP, "saw " + maxInside.get() + " in flight at once");
    assertTrue(admitted.get() > 0);
    assertEquals(THREADS * attemptsEach, admitted.get() + refused.get());
    assertEquals(0, gate.inflight());
    assertEquals(0, floor.inflight());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
