package io.sockguard.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceContextTest {
  private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern HEX16 = Pattern.compile("[0-9a-f]{16}");

  @Test
  void continuesValidInboundTraceWithFreshSpan() {
    TraceContext t = TraceContext.of(VALID, new Random(1));
    assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", t.traceId());
    assertEquals("00f067aa0ba902b7", t.parentId());
    assertTrue(t.sampled());
    assertTrue(HEX16.matcher(t.spanId()).matches());
    assertNotEquals(t.parentId(), t.spanId());
    assertEquals("00-4bf92f3577b34da6a3ce929d0e0e4736-" + t.spanId() + "-01", t.forwardHeader());
    assertTrue(HEX32.matcher(t.requestId()).matches());
  }

  @Test
  void unsampledFlagIsKept() {
    TraceContext t = TraceContext.of(VALID.substring(0, 53) + "00", new Random(1));
    assertFalse(t.sampled());
    assertTrue(t.forwardHeader().endsWith("-00"));
  }

  @Test
  void startsFreshUnsampledTraceWithoutHeader() {
    TraceContext t = TraceContext.of(null, new Random(2));
    assertNull(t.parentId());
    assertFalse(t.sampled());
    assertTrue(HEX32.matcher(t.traceId()).matches());
    assertTrue(t.forwardHeader().startsWith("00-" + t.traceId() + "-" + t.spanId()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "uppercase hex, 00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
    "version ff, ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    "version 01, 01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    "zero trace id, 00-00000000000000000000000000000000-00f067aa0ba902b7-01",
    "zero parent id, 00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
    "short trace id, 00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
    "long parent id, 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b77-01",
    "missing flags, 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
    "trailing data, 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x",
    "non hex flags, 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g",
    "wrong separator, 00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
    "empty, ''",
  })
  void startsFreshTraceForMalformedHeader(String name, String header) {
    TraceContext t = TraceContext.of(header, new Random(3));
    assertNull(t.parentId(), name);
    assertFalse(t.sampled(), name);
    assertNotEquals("4bf92f3577b34da6a3ce929d0e0e4736", t.traceId(), name);
  }
}
