package io.sockguard.config;

import java.util.Objects;

/**
 * One {@code [[rules]]} entry as written; the policy package compiles it. Immutable.
 *
 * @param index 0-based position in the file; earlier rules win
 * @param method {@code "*"} or an upper-case HTTP method
 * @param path {@code /}-separated glob whose segments are literal, {@code *} (one segment) or a final {@code **} (the
 *     rest of the path, including nothing); matched against the canonical path without the API version prefix
 * @param action {@code allow} or {@code deny}
 * @param reason human-readable reason, {@code ""} if none
 * @param location {@code file:line:column} of the rule, for messages about it
 */
public record RuleConfig(
    int index, String method, String path, String action, String reason, String location, boolean upgrade) {

  /** A rule that does not let matching requests upgrade the connection. */
  public RuleConfig(int index, String method, String path, String action, String reason, String location) {
    this(index, method, path, action, reason, location, false);
  }

  public RuleConfig {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative: " + index);
    }
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(location, "location");
  }

  /** Whether a match lets the request through. */
  public boolean isAllow() {
    return action.equals("allow");
  }
}
