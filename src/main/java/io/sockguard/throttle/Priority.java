package io.sockguard.throttle;

import java.util.Locale;

/**
 * {@code limits.priority}: how much of {@code clients.global_concurrency.max_inflight} a profile's requests may fill.
 * Lower priorities stop at a floor below the cap so that higher ones always find room.
 */
public enum Priority {
  LOW(50),
  NORMAL(80),
  HIGH(100);

  private final int percentOfCap;

  Priority(int percentOfCap) {
    this.percentOfCap = percentOfCap;
  }

  /** The share of the global cap this priority may use, in percent. */
  public int percentOfCap() {
    return percentOfCap;
  }

  /** The config spelling: {@code low}, {@code normal} or {@code high}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException unless {@code text} is {@code low}, {@code normal} or {@code high}
   */
  public static Priority parse(String text) {
    for (Priority priority : values()) {
      if (priority.wire().equals(text)) {
        return priority;
      }
    }
    throw new IllegalArgumentException("priority must be low, normal or high, got " + text);
  }
}
