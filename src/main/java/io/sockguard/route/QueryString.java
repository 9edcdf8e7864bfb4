package io.sockguard.route;

/**
 * Reads a raw query the way dockerd does (Go's {@code url.ParseQuery}, then {@code httputils}), so
 * that what we conclude from a parameter is what the daemon will conclude. Stateless.
 */
final class QueryString {

  private QueryString() {}

  /** The decoded first value of {@code name}, or {@code null} when no valid pair names it. */
  static String firstValue(String rawQuery, String name) {
    int pair = find(rawQuery, name, 0);
    if (pair < 0) {
      return null;
    }
    int end = pairEnd(rawQuery, pair);
    int eq = rawQuery.indexOf('=', pair);
    return eq < 0 || eq > end ? "" : PercentCodec.decodeQueryComponent(rawQuery, eq + 1, end);
  }

  static boolean contains(String rawQuery, String name) {
    return find(rawQuery, name, 0) >= 0;
  }

  /**
   * Docker's {@code httputils.BoolValue}: {@code TrimSpace}, {@code ToLower}, then false only for
   * "", "0", "no", "false" and "none". Folding ASCII letters only is exact here: the only non-ASCII
   * runes Go lowers to ASCII are U+0130 ('i') and U+212A ('k'), and no word contains either. Java's
   * {@code regionMatches(true, ...)} would be wrong: it folds U+017F to 's', so "fal\u017Fe" would
   * read as false while Go reads it as true.
   */
  static boolean isDockerTrue(String value) {
    if (value == null) {
      return false;
    }
    int from = 0;
    int to = value.length();
    while (from < to && isGoSpace(value.charAt(from))) {
      from++;
    }
    while (to > from && isGoSpace(value.charAt(to - 1))) {
      to--;
    }
    return !(to == from
        || asciiEqualsIgnoreCase(value, from, to, "0")
        || asciiEqualsIgnoreCase(value, from, to, "no")
        || asciiEqualsIgnoreCase(value, from, to, "false")
        || asciiEqualsIgnoreCase(value, from, to, "none"));
  }

  /** {@code lowerWord} is lower-case ASCII; only 'A'..'Z' in {@code s} are folded. */
  private static boolean asciiEqualsIgnoreCase(String s, int from, int to, String lowerWord) {
    if (to - from != lowerWord.length()) {
      return false;
    }
    for (int i = 0; i < lowerWord.length(); i++) {
      char c = s.charAt(from + i);
      char lower = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
      if (lower != lowerWord.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The start of the first pair whose decoded key is {@code name} and whose value decodes, or -1.
   * Go skips pairs containing ';' and pairs with a malformed escape in key or value.
   */
  private static int find(String q, String name, int from) {
    for (int start = from; start <= q.length(); ) {
      int end = pairEnd(q, start);
      if (end > start && isUsablePair(q, start, end) && keyEquals(q, start, end, name)) {
        return start;
      }
      start = end + 1;
    }
    return -1;
  }

  private static int pairEnd(String q, int start) {
    int amp = q.indexOf('&', start);
    return amp < 0 ? q.length() : amp;
  }

  private static boolean isUsablePair(String q, int start, int end) {
    int semicolon = q.indexOf(';', start);
    if (semicolon >= 0 && semicolon < end) {
      return false;
    }
    int eq = q.indexOf('=', start);
    return eq < 0 || eq >= end || PercentCodec.decodeQueryComponent(q, eq + 1, end) != null;
  }

  private static boolean keyEquals(String q, int start, int end, String name) {
    int eq = q.indexOf('=', start);
    int keyEnd = eq < 0 || eq > end ? end : eq;
    boolean plain = true;
    for (int i = start; i < keyEnd && plain; i++) {
      plain = q.charAt(i) != '%' && q.charAt(i) != '+';
    }
    if (plain) { // no copy for the common case
      return keyEnd - start == name.length() && q.startsWith(name, start);
    }
    String key = PercentCodec.decodeQueryComponent(q, start, keyEnd);
    return name.equals(key);
  }

  /**
   * Go's {@code unicode.IsSpace}: the White_Space property, which Java has no single method for.
   */
  private static boolean isGoSpace(char c) {
    return switch (c) {
      case '\t',
          '\n',
          '\u000B',
          '\f',
          '\r',
          ' ',
          '\u0085',
          '\u00A0',
          '\u1680',
          '\u2028',
          '\u2029',
          '\u202F',
          '\u205F',
          '\u3000' ->
          true;
      default -> c >= '\u2000' && c <= '\u200A';
    };
  }
}
