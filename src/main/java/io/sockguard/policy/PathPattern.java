package io.sockguard.policy;

/**
 * A rule's path pattern compiled into segments, matched against a canonical path segment by segment
 * with exact case. Immutable and thread-safe; matching allocates nothing.
 *
 * <p>A segment is a literal, {@code *} (exactly one non-empty segment) or {@code **} (zero or more
 * segments of any content). A path is its segments after the leading '/', so {@code /} is one empty
 * segment and {@code /a/} is {@code a} then an empty one: a trailing slash only matches a pattern
 * that has one, or a {@code **}.
 */
final class PathPattern {

  private static final byte LITERAL = 0;
  private static final byte ONE = 1;
  private static final byte ANY = 2;

  private final String[] literals;
  private final byte[] kinds;

  private PathPattern(String[] literals, byte[] kinds) {
    this.literals = literals;
    this.kinds = kinds;
  }

  /**
   * @throws IllegalArgumentException naming what is wrong with the pattern
   */
  static PathPattern compile(String pattern) {
    if (pattern == null || pattern.isEmpty() || pattern.charAt(0) != '/') {
      throw new IllegalArgumentException("path pattern must start with '/'");
    }
    String[] segments = pattern.substring(1).split("/", -1);
    byte[] kinds = new byte[segments.length];
    for (int i = 0; i < segments.length; i++) {
      String segment = segments[i];
      kinds[i] =
          switch (segment) {
            case "*" -> ONE;
            case "**" -> ANY;
            default -> {
              checkLiteral(segment, i == segments.length - 1);
              yield LITERAL;
            }
          };
    }
    return new PathPattern(segments, kinds);
  }

  private static void checkLiteral(String segment, boolean last) {
    if (segment.isEmpty() && !last) {
      throw new IllegalArgumentException(
          "path pattern has an empty segment ('//'); canonical paths never contain one");
    }
    if (segment.equals(".") || segment.equals("..")) {
      throw new IllegalArgumentException(
          "path pattern has a '.' or '..' segment; canonical paths never contain one");
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c == '*') {
        throw new IllegalArgumentException(
            "'*' must be a whole segment: '*' matches one segment, '**' any number");
      }
      if (c == '%') {
        throw new IllegalArgumentException(
            "path pattern contains '%'; patterns match the decoded path, so write characters"
                + " unencoded");
      }
      if (c == '?' || c == '#') {
        throw new IllegalArgumentException(
            "path pattern contains '" + c + "'; patterns match the path only, not the query");
      }
      if (c <= ' ' || Character.isISOControl(c) || Character.isWhitespace(c)) {
        throw new IllegalArgumentException(
            "path pattern contains whitespace or a control character");
      }
    }
  }

  /**
   * Whether the canonical path (starting with '/') matches. Classic wildcard matching with one
   * backtrack point: on a mismatch the most recent {@code **} absorbs one more segment, which is
   * enough because {@code *} and literals each consume exactly one segment. O(pattern x path).
   */
  boolean matches(String path) {
    if (path == null || path.isEmpty() || path.charAt(0) != '/') {
      return false;
    }
    int n = kinds.length;
    int p = 0; // next pattern segment
    int s = 1; // start of the next path segment; past the end when all are consumed
    int starP = -1; // pattern index of the last '**' seen
    int starS = -1; // path position that '**' would absorb next
    while (s <= path.length()) {
      int end = segmentEnd(path, s);
      if (p < n && kinds[p] == ANY) {
        starP = p++;
        starS = s; // try matching zero segments first
      } else if (p < n && segmentMatches(p, path, s, end)) {
        p++;
        s = end + 1;
      } else if (starP >= 0) {
        p = starP + 1;
        starS = segmentEnd(path, starS) + 1;
        s = starS;
      } else {
        return false;
      }
    }
    while (p < n && kinds[p] == ANY) {
      p++;
    }
    return p == n;
  }

  private boolean segmentMatches(int p, String path, int from, int to) {
    if (kinds[p] == ONE) {
      return to > from;
    }
    String literal = literals[p];
    return to - from == literal.length() && path.startsWith(literal, from);
  }

  private static int segmentEnd(String path, int from) {
    int slash = path.indexOf('/', from);
    return slash < 0 ? path.length() : slash;
  }
}
