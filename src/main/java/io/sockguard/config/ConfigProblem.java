package io.sockguard.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration: which key, where it came from and what is allowed.
 *
 * <p>{@code location} is {@code file:line:column} for a value read from a file (the column is where the key starts),
 * the variable name for a value read from the environment, or {@code environment} for an unknown variable. {@code key}
 * is empty only for TOML syntax errors, which belong to no key. Immutable and thread-safe.
 *
 * @param key dotted key such as {@code listen.address} or {@code rules[2].match.path}; empty for syntax errors
 * @param location where the offending value was written
 * @param message what is wrong and what would be accepted
 */
public record ConfigProblem(String key, String location, String message) {

  public ConfigProblem {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  /** Renders as {@code listen.address (sockguard.toml:3:1): expected host:port ..., got "x"}. */
  @Override
  public String toString() {
    return key.isEmpty() ? location + ": " + message : key + " (" + location + "): " + message;
  }
}
