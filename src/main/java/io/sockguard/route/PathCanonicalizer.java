package io.sockguard.route;

import java.util.Objects;

/**
 * Turns an origin-form request target into the single {@link CanonicalPath} that the policy checks
 * and the proxy forwards. Stateless and thread-safe.
 *
 * <p>The steps, in order:
 *
 * <ol>
 *   <li>The target must start with {@code '/'} and contain only printable ASCII (RFC 9112 §3.2:
 *       other octets must arrive percent-encoded). A {@code '#'} is rejected (a fragment is never
 *       sent in a request). The query is split off at the first {@code '?'}, kept raw, and must
 *       have well-formed escapes (dockerd would answer 400 for it anyway, and we must not read a
 *       parameter differently from the daemon).
 *   <li>The path is percent-decoded once. Rejected: a malformed escape ({@code %2}, {@code %zz});
 *       an encoded {@code '/'} ({@code %2F}, {@code %2f}), because dockerd decodes it into a
 *       separator and a path whose segments depend on who decodes it is ambiguous; any control
 *       character after decoding, including {@code %00}; bytes that are not valid UTF-8. An encoded
 *       {@code '%'} is allowed: {@code %25} decodes to a literal {@code '%'}, which {@link
 *       CanonicalPath#forwardTarget()} re-encodes as {@code %25}, so {@code /containers/%252e/json}
 *       checks as {@code /containers/%2e/json} and the daemon's one decode sees exactly that.
 *   <li>Empty segments collapse, {@code '.'} and {@code '..'} segments resolve (also those that
 *       came from decoding, such as {@code %2e%2e}), never above the root. A trailing slash is kept
 *       as given ({@code /containers/json/} is not {@code /containers/json}; dockerd does not match
 *       it either). As in RFC 3986 §5.2.4, a final {@code '.'} or {@code '..'} leaves a trailing
 *       slash: {@code /a/b/.} becomes {@code /a/b/}.
 *   <li>One version prefix is split off with dockerd's own grammar {@code /v[0-9.]+} when a further
 *       {@code '/'} follows: {@code /v1.41/}, {@code /v1.41./}, {@code /v01.41/}, {@code /v1/} and
 *       {@code /v.../} all count. A second version-like segment stays in the path, because that is
 *       what the daemon routes.
 * </ol>
 *
 * <p>The result is idempotent: canonicalising {@code forwardTarget()} again gives an equal value.
 */
public final class PathCanonicalizer {

  private PathCanonicalizer() {}

  /**
   * @param target the request target in origin form, as read from the request line
   * @throws PathRejectedException if the target is ambiguous or malformed (answer 400)
   */
  public static CanonicalPath canonicalize(String target) {
    Objects.requireNonNull(target, "target");
    if (target.isEmpty() || target.charAt(0) != '/') {
      throw new PathRejectedException("the request target must be an absolute path");
    }
    int queryAt = -1;
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= ' ' || c >= 0x7F) {
        throw new PathRejectedException(
            "the request target contains a character that must be percent-encoded");
      }
      if (c == '#') {
        throw new PathRejectedException("a fragment ('#') is not allowed in the request target");
      }
      if (c == '?' && queryAt < 0) {
        queryAt = i;
      }
    }
    String rawPath = queryAt < 0 ? target : target.substring(0, queryAt);
    String rawQuery = queryAt < 0 ? null : target.substring(queryAt + 1);
    if (rawQuery != null && !PercentCodec.hasWellFormedEscapes(rawQuery)) {
      throw new PathRejectedException("malformed percent-encoding in the query");
    }
    String decoded = PercentCodec.decodePath(rawPath);
    String resolved = hasEmptyOrDotSegment(decoded) ? resolveSegments(decoded) : decoded;
    return splitVersion(resolved, rawQuery);
  }

  /**
   * Whether {@code s[from, to)} is a dockerd version segment: {@code v} then one or more of [0-9.].
   */
  static boolean isVersionSegment(String s, int from, int to) {
    if (to - from < 2 || s.charAt(from) != 'v') {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      char c = s.charAt(i);
      if (c != '.' && (c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  private static CanonicalPath splitVersion(String path, String rawQuery) {
    int end = path.indexOf('/', 1);
    if (end > 0 && isVersionSegment(path, 1, end)) {
      return new CanonicalPath(path.substring(0, end), path.substring(end), rawQuery);
    }
    return new CanonicalPath("", path, rawQuery);
  }

  /** A cheap scan so the common, already-clean path is never copied. */
  private static boolean hasEmptyOrDotSegment(String p) {
    for (int i = 0; i < p.length(); i++) {
      if (p.charAt(i) == '/') {
        int next = segmentEnd(p, i + 1);
        int len = next - (i + 1);
        boolean last = next == p.length();
        if ((len == 0 && !last) || isDotSegment(p, i + 1, next)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Collapses empty segments and resolves dot segments; {@code p} starts with '/'. */
  private static String resolveSegments(String p) {
    StringBuilder out = new StringBuilder(p.length());
    boolean trailingSlash = false;
    for (int start = 1; start <= p.length(); ) {
      int end = segmentEnd(p, start);
      int len = end - start;
      boolean last = end == p.length();
      if (len == 2 && p.charAt(start) == '.' && p.charAt(start + 1) == '.') {
        out.setLength(Math.max(0, out.lastIndexOf("/")));
        trailingSlash = last;
      } else if (len == 0 || (len == 1 && p.charAt(start) == '.')) {
        trailingSlash = last;
      } else {
        out.append('/').append(p, start, end);
      }
      start = end + 1;
    }
    if (out.isEmpty()) {
      return "/";
    }
    return trailingSlash ? out.append('/').toString() : out.toString();
  }

  private static int segmentEnd(String p, int start) {
    int slash = p.indexOf('/', start);
    return slash < 0 ? p.length() : slash;
  }

  private static boolean isDotSegment(String p, int from, int to) {
    int len = to - from;
    return (len == 1 && p.charAt(from) == '.')
        || (len == 2 && p.charAt(from) == '.' && p.charAt(from + 1) == '.');
  }
}
