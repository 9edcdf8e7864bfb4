package io.sockguard.config;

import java.util.Objects;

/**
 * The admin listener ({@code [admin]}): a separate loopback TCP port serving metrics and health to local tooling.
 * Immutable.
 *
 * @param enabled whether the admin listener is started
 * @param listenAddress loopback {@code host:port}; {@code ""} only while disabled (the loader checks both)
 */
public record AdminConfig(boolean enabled, String listenAddress) {

  /** No admin listener. */
  public static final AdminConfig DISABLED = new AdminConfig(false, "");

  public AdminConfig {
    Objects.requireNonNull(listenAddress, "listenAddress");
  }
}
