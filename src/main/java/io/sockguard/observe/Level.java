package io.sockguard.observe;

/** Log severity, with the wire names used in the {@code level} field and in {@code log.level}. */
public enum Level {
  DEBUG,
  INFO,
  WARN,
  ERROR;

  public static Level parse(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }
}
