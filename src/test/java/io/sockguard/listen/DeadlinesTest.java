package io.sockguard.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
  private final AtomicLong now = new AtomicLong(1_000);

  @Test
  void closesTargetOnlyOncePastTheDeadline() {
    AtomicInteger closes = new AtomicInteger();
    try (Deadlines deadlines = new Deadlines(now::get, Long.MAX_VALUE / 4)) {
      Deadlines.Deadline d = deadlines.register(closes::incrementAndGet);
      d.arm(100);
      now.addAndGet(99);
      deadlines.sweepOnce();
      assertEquals(0, closes.get());
      assertFalse(d.hasFired());
      now.addAndGet(1);
      deadlines.sweepOnce();
      deadlines.sweepOnce();
      assertEquals(1, closes.get());
      assertTrue(d.hasFired());
    }
  }

  @Test
  void disarmedAndUnregisteredDeadlinesNeverFire() {
    AtomicInteger closes = new AtomicInteger();
    try (Deadlines deadlines = new Deadlines(now::get, Long.MAX_VALUE / 4)) {
      Deadlines.Deadline disarmed = deadlines.register(closes::incrementAndGet);
      disarmed.arm(10);
      disarmed.disarm();
      Deadlines.Deadline unregistered = deadlines.register(closes::incrementAndGet);
      unregistered.arm(10);
      unregistered.close();
      now.addAndGet(1_000);
      deadlines.sweepOnce();
      assertEquals(0, closes.get());
    }
  }
}
