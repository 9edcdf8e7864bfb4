package io.sockguard.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link ConcurrencyGate}, {@link PriorityFloor} and the {@link Permit}s they hand out. */
class GatesTest {

  @Test
  void gateAdmitsUpToItsCapThenRefuses() {
    ConcurrencyGate gate = new ConcurrencyGate(3);
    List<Permit> permits = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      permits.add(gate.tryEnter().orElseThrow());
    }

    assertTrue(gate.tryEnter().isEmpty());
    assertEquals(3, gate.inflight());
  }

  @Test
  void closingAPermitFreesItsSlot() {
    ConcurrencyGate gate = new ConcurrencyGate(1);
    Permit permit = gate.tryEnter().orElseThrow();
    assertTrue(gate.tryEnter().isEmpty());

    permit.close();

    assertTrue(permit.isReleased());
    assertEquals(0, gate.inflight());
    assertTrue(gate.tryEnter().isPresent());
  }

  @Test
  void closingAPermitTwiceReleasesOnce() {
    ConcurrencyGate gate = new ConcurrencyGate(2);
    Permit first = gate.tryEnter().orElseThrow();
    Permit second = gate.tryEnter().orElseThrow();

    first.close();
    first.close(); // e.g. the abort handler and the normal end both close it

    assertEquals(1, gate.inflight());
    second.close();
    assertEquals(0, gate.inflight());
  }

  @Test
  void aPermitIsReleasedWhenTheExchangeThrows() {
    ConcurrencyGate gate = new ConcurrencyGate(1);

    assertThrows(
        IllegalStateException.class,
        () -> {
          try (Permit permit = gate.tryEnter().orElseThrow()) {
            assertFalse(permit.isReleased());
            throw new IllegalStateException("upstream failed mid-response");
          }
        });

    assertEquals(0, gate.inflight());
  }

  @Test
  void theEmptyPermitHoldsNothing() {
    Permit.NONE.close();
    Permit.NONE.close();

    assertFalse(Permit.NONE.isReleased());
  }

  @Test
  void refusesACapBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> new ConcurrencyGate(0));
    assertThrows(IllegalArgumentException.class, () -> new PriorityFloor(0));
  }

  static Stream<Arguments> ceilings() {
    return Stream.of(
        // case, global cap, low, normal, high
        Arguments.of("cap 10", 10, 5, 8, 10),
        Arguments.of("cap 100", 100, 50, 80, 100),
        Arguments.of("cap 3 rounds shares down", 3, 1, 2, 3),
        Arguments.of("cap 1 still admits low", 1, 1, 1, 1),
        Arguments.of("cap 9", 9, 4, 7, 9));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ceilings")
  void eachPriorityMayFillItsShareOfTheGlobalCap(String name, int cap, int low, int normal, int high) {
    PriorityFloor floor = new PriorityFloor(cap);

    assertEquals(low, floor.ceilingFor(Priority.LOW));
    assertEquals(normal, floor.ceilingFor(Priority.NORMAL));
    assertEquals(high, floor.ceilingFor(Priority.HIGH));
  }

  @Test
  void lowPriorityStopsAtHalfWhileHigherPrioritiesGoOn() {
    PriorityFloor floor = new PriorityFloor(10);
    List<Permit> held = new ArrayList<>();

    assertEquals(5, fill(floor, Priority.LOW, held));
    assertEquals(3, fill(floor, Priority.NORMAL, held), "normal tops up from 5 to 8");
    assertEquals(2, fill(floor, Priority.HIGH, held), "high tops up from 8 to the cap");
    assertEquals(10, floor.inflight());

    held.forEach(Permit::close);
    assertEquals(0, floor.inflight());
  }

  @Test
  void aFullFloorRefusesLowEvenWhenHighHoldsTheSlots() {
    PriorityFloor floor = new PriorityFloor(4);
    List<Permit> held = new ArrayList<>();
    fill(floor, Priority.HIGH, held);

    assertTrue(floor.tryEnter(Priority.LOW).isEmpty());

    held.remove(0).close();
    held.remove(0).close();
    held.remove(0).close();
    assertTrue(floor.tryEnter(Priority.LOW).isPresent(), "1 in flight is below low's ceiling of 2");
  }

  private static int fill(PriorityFloor floor, Priority priority, List<Permit> held) {
    int admitted = 0;
    Optional<Permit> permit;
    while ((permit = floor.tryEnter(priority)).isPresent()) {
      held.add(permit.get());
      admitted++;
    }
    return admitted;
  }

  static Stream<Arguments> priorityNames() {
    return Stream.of(
        Arguments.of("low", Priority.LOW), Arguments.of("normal", Priority.NORMAL), Arguments.of("high", Priority.HIGH));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("priorityNames")
  void parsesTheConfigSpelling(String text, Priority expected) {
    assertEquals(expected, Priority.parse(text));
    assertEquals(text, expected.wire());
  }

  @Test
  void refusesAnUnknownPriority() {
    assertThrows(IllegalArgumentException.class, () -> Priority.parse("HIGH"));
  }
}
