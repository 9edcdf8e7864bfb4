package io.sockguard.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The readiness endpoint, which reports whether the daemon answers ({@code [health.readiness]}). Immutable.
 *
 * @param enabled whether the endpoint is served and the daemon probed
 * @param path URL path of the endpoint
 * @param interval time between probes of the daemon
 * @param timeout how long one probe may take
 */
public record ReadinessConfig(boolean enabled, String path, Duration interval, Duration timeout) {

  public ReadinessConfig {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
  }
}
