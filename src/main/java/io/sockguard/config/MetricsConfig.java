package io.sockguard.config;

import java.util.Objects;

/**
 * The Prometheus endpoint ({@code [metrics]}). Immutable.
 *
 * @param enabled whether the endpoint is served
 * @param path URL path of the endpoint
 * @param bearerTokenFile file holding the token scrapers must present, {@code ""} for no token
 */
public record MetricsConfig(boolean enabled, String path, String bearerTokenFile) {

  public MetricsConfig {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(bearerTokenFile, "bearerTokenFile");
  }
}
