package io.sockguard.http;

/**
 * Character classes and ASCII helpers from RFC 9110 §5.6 used by every parser in this package.
 *
 * <p>Pure functions over immutable tables; thread-safe. Comparisons are ASCII-only on purpose:
 * Java's {@link String#equalsIgnoreCase} folds Unicode, so {@code "Hoſt"} would match {@code
 * "Host"}, which no HTTP peer does.
 */
final class Syntax {

  /** {@code tchar} from RFC 9110 §5.6.2, indexed by byte value below 128. */
  private static final boolean[] TCHAR = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      TCHAR[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      TCHAR[c] = true;
      TCHAR[c - 'a' + 'A'] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TCHAR[c] = true;
    }
  }

  private Syntax() {}

  static boolean isTokenChar(int c) {
    return c >= 0 && c < 128 && TCHAR[c];
  }

  static boolean isToken(String s) {
    int n = s.length();
    if (n == 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!isTokenChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** True for a byte allowed inside a field value: HTAB, SP, VCHAR and obs-text (RFC 9110 §5.5). */
  static boolean isFieldValueChar(int c) {
    return c == '\t' || (c >= 0x20 && c != 0x7F && c <= 0xFF);
  }

  /**
   * True if every character may appear in a field value, so the value can be written without
   * injection.
   */
  static boolean isFieldValue(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      if (!isFieldValueChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isWhitespace(int c) {
    return c == ' ' || c == '\t';
  }

  static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  static int toLowerAscii(int c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }

  static boolean equalsIgnoreCase(String a, String b) {
    int n = a.length();
    return n == b.length() && regionEqualsIgnoreCase(a, 0, b, n);
  }

  /**
   * Compares {@code a[from, from + length)} with all of {@code b}, which is {@code length} long,
   * ASCII-insensitive.
   */
  static boolean regionEqualsIgnoreCase(String a, int from, String b, int length) {
    for (int i = 0; i < length; i++) {
      char x = a.charAt(from + i);
      char y = b.charAt(i);
      if (x != y && toLowerAscii(x) != toLowerAscii(y)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a comma-separated list value (RFC 9110 §5.6.1) holds {@code token}, compared ASCII
   * case-insensitively, with OWS around elements ignored. Scans in place to avoid splitting into
   * new strings.
   */
  static boolean listContains(String value, String token) {
    int n = value.length();
    int i = 0;
    while (i <= n) {
      int end = value.indexOf(',', i);
      if (end < 0) {
        end = n;
      }
      int s = i;
      int e = end;
      while (s < e && isWhitespace(value.charAt(s))) {
        s++;
      }
      while (e > s && isWhitespace(value.charAt(e - 1))) {
        e--;
      }
      if (e - s == token.length() && regionEqualsIgnoreCase(value, s, token, e - s)) {
        return true;
      }
      i = end + 1;
    }
    return false;
  }

  /** Trims OWS (SP and HTAB only, not Unicode whitespace) from both ends. */
  static String trimOws(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isWhitespace(s.charAt(start))) {
      start++;
    }
    while (end > start && isWhitespace(s.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == s.length() ? s : s.substring(start, end);
  }

  /**
   * Parses {@code 1*DIGIT} as a non-negative long, or returns -1 if {@code s} is empty, holds
   * anything but ASCII digits (no sign, no whitespace, no list) or does not fit in a long.
   */
  static long parseDecimal(String s) {
    int n = s.length();
    if (n == 0) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      int digit = c - '0';
      if (value > (Long.MAX_VALUE - digit) / 10) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }
}
