package io.sockguard.config;

import java.util.Objects;

/**
 * The health endpoint and its probes ({@code [health]}). Immutable.
 *
 * @param enabled whether the liveness endpoint is served
 * @param path URL path of the liveness endpoint
 * @param watchdog the systemd watchdog
 * @param readiness the readiness endpoint that probes the daemon
 */
public record HealthConfig(boolean enabled, String path, WatchdogConfig watchdog, ReadinessConfig readiness) {

  public HealthConfig {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(watchdog, "watchdog");
    Objects.requireNonNull(readiness, "readiness");
  }
}
