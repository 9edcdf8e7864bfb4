package io.sockguard.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.policy.ReasonCode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThrottleTest {
  private final FakeNanos clock = new FakeNanos();

  private static Permit admitted(Outcome outcome) {
    return assertInstanceOf(Outcome.Admitted.class, outcome).permit();
  }

  private static Outcome.Refused refused(Outcome outcome) {
    return assertInstanceOf(Outcome.Refused.class, outcome);
  }

  @Test
  void withoutLimitsAdmitsEverythingHoldingNothing() {
    Outcome first = Throttle.UNLIMITED.tryAdmit("POST", "/containers/create");

    assertSame(Permit.NONE, admitted(first));
    assertSame(first, Throttle.UNLIMITED.tryAdmit("GET", "/_ping"), "no allocation per request");
  }

  @Test
  void anEmptyBucketRefusesWithRetryAfter() {
    Throttle throttle = Throttle.builder().rate(new TokenBucket(0.5, 1, clock), EndpointCosts.NONE).build();
    admitted(throttle.tryAdmit("GET", "/_ping"));

    Outcome.Refused refusal = refused(throttle.tryAdmit("GET", "/_ping"));

    assertEquals(ReasonCode.RATE_LIMIT_EXCEEDED, refusal.reason());
    assertEquals(2, refusal.retryAfterSeconds());
    clock.advance(Duration.ofSeconds(2));
    admitted(throttle.tryAdmit("GET", "/_ping"));
  }

  @Test
  void chargesTheEndpointsCost() {
    TokenBucket bucket = new TokenBucket(1, 10, clock);
    EndpointCosts costs =
        new EndpointCosts(List.of(new EndpointCosts.Entry("/containers/*/logs", List.of("GET"), 4)));
    Throttle throttle = Throttle.builder().rate(bucket, costs).build();

    admitted(throttle.tryAdmit("GET", "/containers/abc/logs"));
    admitted(throttle.tryAdmit("GET", "/_ping"));

    assertEquals(5.0, bucket.available(), 1e-9);
  }

  @Test
  void refusesToBuildWhenACostExceedsTheBurst() {
    EndpointCosts costs = new EndpointCosts(List.of(new EndpointCosts.Entry("/build", List.of(), 11)));

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Throttle.builder().rate(new TokenBucket(10, 10, clock), costs).build());
    assertTrue(e.getMessage().contains("burst"), e.getMessage());
  }

  @Test
  void theRateIsCheckedBeforeTheConcurrencyLimits() {
    ConcurrencyGate gate = new ConcurrencyGate(1);
    PriorityFloor floor = new PriorityFloor(1);
    Throttle throttle =
        Throttle.builder()
            .rate(new TokenBucket(1, 1, clock), EndpointCosts.NONE)
            .priorityFloor(floor, Priority.HIGH)
            .concurrency(gate)
            .build();
    admitted(throttle.tryAdmit("GET", "/_ping")); // holds the only slot and the only token

    assertEquals(ReasonCode.RATE_LIMIT_EXCEEDED, refused(throttle.tryAdmit("GET", "/_ping")).reason());
  }

  @Test
  void thePriorityFloorIsCheckedBeforeTheProfilesCap() {
    PriorityFloor floor = new PriorityFloor(2);
    ConcurrencyGate gate = new ConcurrencyGate(1);
    Throttle throttle = Throttle.builder().priorityFloor(floor, Priority.LOW).concurrency(gate).build();
    admitted(throttle.tryAdmit("GET", "/_ping")); // low's ceiling of 1 and the profile's cap of 1 are both full

    Outcome.Refused refusal = refused(throttle.tryAdmit("GET", "/_ping"));

    assertEquals(ReasonCode.PRIORITY_FLOOR, refusal.reason());
    assertEquals(1, refusal.retryAfterSeconds());
  }

  @Test
  void aConcurrencyRefusalGivesBackTheGlobalSlotAndTheTokens() {
    TokenBucket bucket = new TokenBucket(1, 5, clock);
    PriorityFloor floor = new PriorityFloor(10);
    ConcurrencyGate gate = new ConcurrencyGate(1);
    Throttle throttle =
        Throttle.builder()
            .rate(bucket, EndpointCosts.NONE)
            .priorityFloor(floor, Priority.NORMAL)
            .concurrency(gate)
            .build();
    Permit holder = admitted(throttle.tryAdmit("GET", "/_ping"));

    Outcome.Refused refusal = refused(throttle.tryAdmit("GET", "/_ping"));

    assertEquals(ReasonCode.CONCURRENCY_CAP, refusal.reason());
    assertEquals(1, floor.inflight(), "only the admitted request holds a global slot");
    assertEquals(4.0, bucket.available(), 1e-9, "the refused request's token came back");
    holder.close();
    assertEquals(0, floor.inflight());
    assertEquals(0, gate.inflight());
  }

  @Test
  void aPriorityRefusalGivesBackTheTokens() {
    TokenBucket bucket = new TokenBucket(1, 5, clock);
    PriorityFloor floor = new PriorityFloor(1);
    Throttle high = Throttle.builder().priorityFloor(floor, Priority.HIGH).build();
    Throttle low =
        Throttle.builder().rate(bucket, EndpointCosts.NONE).priorityFloor(floor, Priority.LOW).build();
    Permit highHolder = admitted(high.tryAdmit("GET", "/_ping"));

    assertEquals(ReasonCode.PRIORITY_FLOOR, refused(low.tryAdmit("GET", "/_ping")).reason());

    assertEquals(5.0, bucket.available(), 1e-9);
    highHolder.close();
  }

  @Test
  void anAdmittedPermitReleasesBothSlotsExactlyOnce() {
    PriorityFloor floor = new PriorityFloor(4);
    ConcurrencyGate gate = new ConcurrencyGate(2);
    Throttle throttle = Throttle.builder().priorityFloor(floor, Priority.HIGH).concurrency(gate).build();
    Permit first = admitted(throttle.tryAdmit("GET", "/_ping"));
    Permit second = admitted(throttle.tryAdmit("GET", "/_ping"));

    first.close();
    first.close();

    assertEquals(1, floor.inflight());
    assertEquals(1, gate.inflight());
    second.close();
    assertEquals(0, floor.inflight());
    assertEquals(0, gate.inflight());
  }

  @Test
  void profilesShareTheGlobalFloorButNotTheirCaps() {
    PriorityFloor floor = new PriorityFloor(3);
    Throttle a = Throttle.builder().priorityFloor(floor, Priority.HIGH).concurrency(new ConcurrencyGate(2)).build();
    Throttle b = Throttle.builder().priorityFloor(floor, Priority.HIGH).concurrency(new ConcurrencyGate(2)).build();
    admitted(a.tryAdmit("GET", "/_ping"));
    admitted(a.tryAdmit("GET", "/_ping"));
    admitted(b.tryAdmit("GET", "/_ping"));

    assertEquals(ReasonCode.PRIORITY_FLOOR, refused(b.tryAdmit("GET", "/_ping")).reason());
    assertEquals(ReasonCode.PRIORITY_FLOOR, refused(a.tryAdmit("GET", "/_ping")).reason());
  }

  @Test
  void countOnlyModeAdmitsWhatEnforcingWouldRefuseAndTakesNothing() {
    TokenBucket bucket = new TokenBucket(1, 1, clock);
    ConcurrencyGate gate = new ConcurrencyGate(1);
    Throttle warn =
        Throttle.builder().rate(bucket, EndpointCosts.NONE).concurrency(gate).enforcing(false).build();
    Permit holder = admitted(warn.tryAdmit("GET", "/_ping"));

    Outcome.WouldRefuse overRate = assertInstanceOf(Outcome.WouldRefuse.class, warn.tryAdmit("GET", "/_ping"));
    clock.advance(Duration.ofSeconds(1));
    Outcome.WouldRefuse overCap = assertInstanceOf(Outcome.WouldRefuse.class, warn.tryAdmit("GET", "/_ping"));

    assertEquals(ReasonCode.RATE_LIMIT_EXCEEDED, overRate.reason());
    assertEquals(1, overRate.retryAfterSeconds());
    assertEquals(ReasonCode.CONCURRENCY_CAP, overCap.reason());
    assertSame(Permit.NONE, overCap.permit());
    assertEquals(1, gate.inflight(), "a would-refuse holds no slot");
    assertEquals(1.0, bucket.available(), 1e-9, "a would-refuse takes no token");
    holder.close();
    admitted(warn.tryAdmit("GET", "/_ping"));
  }

  @Test
  void countOnlyModeReportsThePriorityFloor() {
    PriorityFloor floor = new PriorityFloor(1);
    Throttle high = Throttle.builder().priorityFloor(floor, Priority.HIGH).build();
    Throttle auditedLow = Throttle.builder().priorityFloor(floor, Priority.LOW).enforcing(false).build();
    Permit holder = admitted(high.tryAdmit("GET", "/_ping"));

    Outcome outcome = auditedLow.tryAdmit("GET", "/_ping");

    assertEquals(ReasonCode.PRIORITY_FLOOR, assertInstanceOf(Outcome.WouldRefuse.class, outcome).reason());
    assertEquals(1, floor.inflight());
    holder.close();
  }

  @Test
  void outcomesRefuseNonsense() {
    assertThrows(IllegalArgumentException.class, () -> new Outcome.Refused(ReasonCode.CONCURRENCY_CAP, 0));
    assertThrows(NullPointerException.class, () -> new Outcome.Admitted(null));
    assertThrows(IllegalArgumentException.class, () -> new Acquire(true, 3));
    assertThrows(IllegalArgumentException.class, () -> Acquire.retryAfter(0));
  }
}
