package io.sockguard.config;

import java.util.Objects;

/**
 * Logging ({@code [log]}). Immutable.
 *
 * @param level one of {@code debug}, {@code info}, {@code warn}, {@code error}
 * @param format {@code json} or {@code text}
 * @param accessLog whether every exchange is logged
 */
public record LogConfig(String level, String format, boolean accessLog) {

  public LogConfig {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(format, "format");
  }
}
