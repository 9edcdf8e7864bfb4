package io.sockguard.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Hot reload ({@code [reload]}): off by default, so SIGHUP keeps its usual meaning (terminate) unless asked.
 *
 * @param enabled reload on SIGHUP and on changes to the config file
 * @param debounce quiet time after a file event before reloading (editors write in several steps)
 * @param pollInterval stat-poll period for file systems without change notification, or null for none
 */
public record ReloadConfig(boolean enabled, Duration debounce, Duration pollInterval) {
  public ReloadConfig {
    Objects.requireNonNull(debounce, "debounce");
  }
}
