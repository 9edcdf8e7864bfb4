package io.sockguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DurationParserTest {

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("milliseconds", "250ms", Duration.ofMillis(250)),
        Arguments.of("seconds", "5s", Duration.ofSeconds(5)),
        Arguments.of("minutes and seconds", "1m30s", Duration.ofSeconds(90)),
        Arguments.of("hours", "2h", Duration.ofHours(2)),
        Arguments.of("fraction", "1.5s", Duration.ofMillis(1500)),
        Arguments.of("fraction without leading digit", ".5s", Duration.ofMillis(500)),
        Arguments.of("fraction without trailing digit", "5.s", Duration.ofSeconds(5)),
        Arguments.of("microseconds", "3us", Duration.ofNanos(3000)),
        Arguments.of("micro sign", "3µs", Duration.ofNanos(3000)),
        Arguments.of("greek mu", "3μs", Duration.ofNanos(3000)),
        Arguments.of("nanoseconds", "7ns", Duration.ofNanos(7)),
        Arguments.of("sub-nanosecond fraction is dropped", "1.9ns", Duration.ofNanos(1)),
        Arguments.of("bare zero", "0", Duration.ZERO),
        Arguments.of("negative", "-1m", Duration.ofMinutes(-1)),
        Arguments.of("explicit plus", "+1h2m3s4ms", Duration.ofMillis(3_723_004)),
        Arguments.of("largest Go duration", "2562047h47m16.854775807s", Duration.ofNanos(Long.MAX_VALUE)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void parsesGoDurations(String name, String text, Duration expected) {
    assertEquals(expected, DurationParser.parse(text));
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("empty", "", "empty duration"),
        Arguments.of("sign only", "-", "empty duration"),
        Arguments.of("missing unit", "10", "missing unit"),
        Arguments.of("missing unit after a part", "1m30", "missing unit"),
        Arguments.of("unknown unit", "5sec", "unknown unit \"sec\""),
        Arguments.of("upper-case unit", "5S", "unknown unit \"S\""),
        Arguments.of("days are not a Go unit", "1d", "unknown unit \"d\""),
        Arguments.of("unit without number", "s", "expected a number"),
        Arguments.of("lone dot", ".s", "expected a number"),
        Arguments.of("two dots", "1.2.3s", "expected a number"),
        Arguments.of("space", "5 s", "unknown unit \" s\""),
        Arguments.of("one nanosecond past Go's range", "2562047h47m16.854775808s", "out of range"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void refusesWhatGoRefuses(String name, String text, String fragment) {
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> DurationParser.parse(text));

    assertTrue(thrown.getMessage().contains(fragment), thrown::getMessage);
  }
}
