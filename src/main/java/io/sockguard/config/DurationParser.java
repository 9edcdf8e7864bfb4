package io.sockguard.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;

/**
 * Parses durations in Go's {@code time.ParseDuration} syntax, the form Docker users already know: an optional sign and
 * a sequence of decimal numbers, each with a unit, such as {@code "250ms"}, {@code "1.5s"}, {@code "1m30s"} or
 * {@code "2h"}. Units are {@code ns}, {@code us} (or {@code µs}), {@code ms}, {@code s}, {@code m} and {@code h}; a
 * bare {@code "0"} is the only value allowed without a unit. As in Go, the result must fit in a signed 64-bit count of
 * nanoseconds and fractions of a nanosecond are dropped. Stateless and thread-safe.
 */
public final class DurationParser {

  private static final String UNITS = "ns, us, ms, s, m, h";
  private static final BigInteger MIN_NANOS = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

  private DurationParser() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code text}
   */
  public static Duration parse(String text) {
    Objects.requireNonNull(text, "text");
    int at = 0;
    boolean negative = false;
    if (!text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
      negative = text.charAt(0) == '-';
      at = 1;
    }
    if (text.substring(at).equals("0")) {
      return Duration.ZERO;
    }
    if (at == text.length()) {
      throw new IllegalArgumentException("empty duration");
    }
    BigDecimal nanos = BigDecimal.ZERO;
    while (at < text.length()) {
      int numberStart = at;
      while (at < text.length() && isNumberChar(text.charAt(at))) {
        at++;
      }
      String number = text.substring(numberStart, at);
      if (!number.matches("[0-9]+(\\.[0-9]*)?|\\.[0-9]+")) {
        throw new IllegalArgumentException("expected a number at offset " + numberStart);
      }
      int unitStart = at;
      while (at < text.length() && !isNumberChar(text.charAt(at))) {
        at++;
      }
      String unit = text.substring(unitStart, at);
      nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(nanosPer(unit))));
    }
    BigInteger whole = nanos.setScale(0, RoundingMode.DOWN).toBigIntegerExact();
    if (negative) {
      whole = whole.negate();
    }
    if (whole.compareTo(MIN_NANOS) < 0 || whole.compareTo(MAX_NANOS) > 0) {
      throw new IllegalArgumentException("out of range (at most about 292 years)");
    }
    return Duration.ofNanos(whole.longValueExact());
  }

  private static boolean isNumberChar(char c) {
    return (c >= '0' && c <= '9') || c == '.';
  }

  private static long nanosPer(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs", "μs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      case "" -> throw new IllegalArgumentException("missing unit; units are " + UNITS);
      default -> throw new IllegalArgumentException("unknown unit \"" + unit + "\"; units are " + UNITS);
    };
  }
}
