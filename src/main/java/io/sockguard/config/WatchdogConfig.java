package io.sockguard.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The watchdog ({@code [health.watchdog]}). Immutable.
 *
 * @param enabled whether the watchdog runs
 * @param interval time between watchdog checks
 */
public record WatchdogConfig(boolean enabled, Duration interval) {

  public WatchdogConfig {
    Objects.requireNonNull(interval, "interval");
  }
}
