package io.sockguard.policy;

import java.util.Objects;

/**
 * One ordered policy rule. Immutable and thread-safe; the compact constructor rejects anything that
 * could never match or could be misread, with an {@link IllegalArgumentException} whose message is
 * meant for the config author.
 *
 * @param index the rule's position as the operator numbers it (reported in decisions); {@code >= 0}
 * @param method {@code "*"} for any method, or an upper-case HTTP method token such as {@code
 *     "GET"}; matched exactly, so {@code GET} does not cover {@code HEAD}
 * @param pathPattern segments after a leading '/': literals, {@code *} (one non-empty segment) or
 *     {@code **} (zero or more segments), matched against the canonical decoded path without its
 *     version prefix, with exact case; a trailing slash is significant
 * @param action what a match does
 * @param reason optional operator text appended to deny messages; {@code null} or blank for none
 */
public record Rule(int index, String method, String pathPattern, Action action, String reason, boolean upgrade) {

  /** A rule whose matching requests may not upgrade the connection (the usual case). */
  public Rule(int index, String method, String pathPattern, Action action, String reason) {
    this(index, method, pathPattern, action, reason, false);
  }

  public Rule {
    if (index < 0) {
      throw new IllegalArgumentException("rule index must be >= 0, got " + index);
    }
    checkMethod(method);
    PathPattern.compile(pathPattern);
    Objects.requireNonNull(action, "action");
    if (reason != null && reason.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("rule reason must not contain control characters");
    }
  }

  /**
   * Whether this rule applies. {@link Policy} matches with a precompiled pattern; this method
   * compiles the pattern on each call and is meant for tools and tests, not the request path.
   */
  public boolean matches(String method, String canonicalPath) {
    return matchesMethod(method) && PathPattern.compile(pathPattern).matches(canonicalPath);
  }

  boolean matchesMethod(String requestMethod) {
    return method.equals("*") || method.equals(requestMethod);
  }

  boolean hasReason() {
    return reason != null && !reason.isBlank();
  }

  private static void checkMethod(String method) {
    if (method == null || method.isEmpty()) {
      throw new IllegalArgumentException("rule method must be \"*\" or an HTTP method such as GET");
    }
    if (method.equals("*")) {
      return;
    }
    for (int i = 0; i < method.length(); i++) {
      char c = method.charAt(i);
      if (c >= 'a' && c <= 'z') {
        throw new IllegalArgumentException(
            "rule method must be upper-case (methods are case-sensitive): "
                + Policy.printable(method));
      }
      if (c == '*' || !isTchar(c)) {
        throw new IllegalArgumentException(
            "rule method must be \"*\" or an HTTP method token: " + Policy.printable(method));
      }
    }
  }

  /** RFC 9110 §5.6.2 tchar. */
  private static boolean isTchar(char c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      return true;
    }
    return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }
}
