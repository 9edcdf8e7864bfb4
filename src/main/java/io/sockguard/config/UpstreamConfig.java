package io.sockguard.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The Docker daemon sockguard forwards to ({@code [upstream]}). Immutable.
 *
 * @param socket path of the daemon's unix socket
 * @param requestTimeout limit for one upstream exchange up to the response head; {@code null} when configured as
 *     {@code "off"}
 */
public record UpstreamConfig(String socket, Duration requestTimeout) {

  public UpstreamConfig {
    Objects.requireNonNull(socket, "socket");
  }

  /** Whether upstream requests have a time limit. */
  public boolean hasRequestTimeout() {
    return requestTimeout != null;
  }
}
