package io.sockguard.policy;

import java.util.Locale;

/**
 * How a profile applies its policy. In {@link #WARN} and {@link #AUDIT} a request the policy would deny is forwarded
 * anyway and recorded as {@code would_deny} (logged at WARN and INFO respectively), so a tighter policy can be rolled
 * out and watched before it is enforced. Admission of the caller is always enforced.
 */
public enum Mode {
  ENFORCE,
  WARN,
  AUDIT;

  /** {@code enforce}, {@code warn} or {@code audit}: the config value, log field and metric label. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isEnforcing() {
    return this == ENFORCE;
  }

  /**
   * @throws IllegalArgumentException unless {@code text} is a {@link #wire()} name
   */
  public static Mode parse(String text) {
    for (Mode mode : values()) {
      if (mode.wire().equals(text)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("expected enforce, warn or audit, got " + text);
  }
}
