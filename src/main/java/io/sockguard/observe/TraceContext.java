package io.sockguard.observe;

import java.util.random.RandomGenerator;

/**
 * W3C Trace Context for one proxied request: the caller's trace (or a fresh one), the proxy-local span, and the
 * request id. Only a strictly valid inbound {@code traceparent} is trusted (version {@code 00}, lowercase hex, exact
 * lengths, non-zero ids); anything else starts a fresh, unsampled trace and the caller's {@code tracestate} is dropped.
 *
 * @param parentId the inbound span id, or {@code null} when there was no valid inbound context
 */
public record TraceContext(String requestId, String traceId, String spanId, String parentId, boolean sampled) {

  /** Builds the context for a request carrying {@code traceparent} (may be null). */
  public static TraceContext of(String traceparent, RandomGenerator random) {
    String requestId = hex(random, 16);
    String spanId = nonZeroHex(random, 8);
    if (traceparent != null && isValid(traceparent)) {
      boolean sampled = (Character.digit(traceparent.charAt(54), 16) & 1) == 1;
      return new TraceContext(requestId, traceparent.substring(3, 35), spanId, traceparent.substring(36, 52), sampled);
    }
    return new TraceContext(requestId, nonZeroHex(random, 16), spanId, null, false);
  }

  /** Whether the inbound context was valid and is continued. */
  public boolean hasParent() {
    return parentId != null;
  }

  /** The {@code traceparent} value forwarded to the daemon: our span as the parent. */
  public String forwardHeader() {
    return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
  }

  /** {@code 00-<32 hex>-<16 hex>-<2 hex>}, lowercase, ids not all zero (W3C Trace Context §3.2). */
  static boolean isValid(String value) {
    if (value.length() != 55
        || value.charAt(0) != '0'
        || value.charAt(1) != '0'
        || value.charAt(2) != '-'
        || value.charAt(35) != '-'
        || value.charAt(52) != '-') {
      return false;
    }
    return isLowerHex(value, 3, 35, true) && isLowerHex(value, 36, 52, true) && isLowerHex(value, 53, 55, false);
  }

  private static boolean isLowerHex(String s, int from, int to, boolean mustBeNonZero) {
    boolean nonZero = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      if (!hex) {
        return false;
      }
      nonZero |= c != '0';
    }
    return nonZero || !mustBeNonZero;
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  static String hex(RandomGenerator random, int bytes) {
    char[] out = new char[bytes * 2];
    for (int i = 0; i < bytes; i += 8) {
      long bits = random.nextLong();
      for (int j = 0; j < 8 && i + j < bytes; j++) {
        int b = (int) (bits >>> (j * 8)) & 0xff;
        out[(i + j) * 2] = HEX[b >>> 4];
        out[(i + j) * 2 + 1] = HEX[b & 0xf];
      }
    }
    return new String(out);
  }

  private static String nonZeroHex(RandomGenerator random, int bytes) {
    String value;
    do {
      value = hex(random, bytes);
    } while (value.chars().allMatch(c -> c == '0'));
    return value;
  }
}
