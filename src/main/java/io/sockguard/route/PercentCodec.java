package io.sockguard.route;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** RFC 3986 percent-encoding for request paths and query components. Stateless. */
final class PercentCodec {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentCodec() {}

  /**
   * Whether {@code c} may appear unencoded in a path segment: RFC 3986 {@code pchar} without
   * pct-encoded, that is unreserved, sub-delims, {@code ':'} and {@code '@'}.
   */
  static boolean isPchar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      return true;
    }
    return switch (c) {
      case '-', '.', '_', '~', '!', '$', '&', '\'', '(', ')', '*', '+', ',', ';', '=', ':', '@' ->
          true;
      default -> false;
    };
  }

  /**
   * Encodes a decoded path so that a single percent-decode yields it again; '/' stays a separator.
   */
  static String encodePath(String path) {
    int firstBad = -1;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c != '/' && !isPchar(c)) {
        firstBad = i;
        break;
      }
    }
    if (firstBad < 0) {
      return path; // the common case: nothing to encode, no copy
    }
    byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      char c = (char) (b & 0xFF);
      if (c < 0x80 && (c == '/' || isPchar(c))) {
        out.append(c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  /**
   * Decodes the path of a request target once.
   *
   * @param raw printable ASCII only (the caller has checked)
   * @throws PathRejectedException on a malformed escape, an encoded {@code '/'}, invalid UTF-8 or a
   *     control character
   */
  static String decodePath(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    byte[] bytes = new byte[raw.length()];
    int n = 0;
    boolean ascii = true;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '%') {
        bytes[n++] = (byte) c;
        continue;
      }
      int b = hexPair(raw, i + 1);
      if (b < 0) {
        throw new PathRejectedException("malformed percent-encoding in the request path");
      }
      if (b == '/') {
        // dockerd decodes %2F into a separator; a path whose segments depend on who decodes is
        // refused.
        throw new PathRejectedException("an encoded '/' (%2F) is not allowed in the request path");
      }
      ascii &= b < 0x80;
      bytes[n++] = (byte) b;
      i += 2;
    }
    String decoded =
        ascii ? new String(bytes, 0, n, StandardCharsets.US_ASCII) : strictUtf8(bytes, n);
    for (int i = 0; i < decoded.length(); i++) {
      if (Character.isISOControl(decoded.charAt(i))) {
        throw new PathRejectedException(
            "an encoded control character is not allowed in the request path");
      }
    }
    return decoded;
  }

  /** Whether every {@code '%'} in {@code s} starts a well-formed escape. */
  static boolean hasWellFormedEscapes(String s) {
    for (int i = s.indexOf('%'); i >= 0; i = s.indexOf('%', i + 3)) {
      if (hexPair(s, i + 1) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Go's {@code url.QueryUnescape}: {@code '+'} is a space, escapes are bytes, the result is read
   * as UTF-8 (invalid sequences become U+FFFD, which no caller compares against).
   *
   * @return the decoded text, or {@code null} when an escape is malformed (Go returns an error)
   */
  static String decodeQueryComponent(String s, int from, int to) {
    boolean plain = true;
    for (int i = from; i < to && plain; i++) {
      char c = s.charAt(i);
      plain = c != '%' && c != '+';
    }
    if (plain) {
      return s.substring(from, to);
    }
    byte[] bytes = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '+') {
        bytes[n++] = ' ';
      } else if (c == '%') {
        int b = i + 2 < to ? hexPair(s, i + 1) : -1;
        if (b < 0) {
          return null;
        }
        bytes[n++] = (byte) b;
        i += 2;
      } else {
        bytes[n++] = (byte) c;
      }
    }
    return new String(bytes, 0, n, StandardCharsets.UTF_8);
  }

  private static String strictUtf8(byte[] bytes, int n) {
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, 0, n));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new PathRejectedException("the decoded request path is not valid UTF-8");
    }
  }

  /** The byte value of the two hex digits at {@code at}, or -1 if there are not two hex digits. */
  private static int hexPair(String s, int at) {
    if (at + 1 >= s.length()) {
      return -1;
    }
    int hi = hexValue(s.charAt(at));
    int lo = hexValue(s.charAt(at + 1));
    return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
  }

  // Not Character.digit: that also accepts non-ASCII digits such as U+FF11, which Go rejects.
  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
