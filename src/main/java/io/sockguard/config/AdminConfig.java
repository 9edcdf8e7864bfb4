package io.sockguard.config;

import java.util.Objects;

/**
 * The admin listener ({@code [admin]}): a separate loopback TCP port serving metrics and health to local tooling.
 * Immutable.
 *
 * @param enabled whether the admin listener is started
 * @param listenAddress loopback {@code host:port}; {@code ""} only while disabled (the loader checks both)
 * @param path where {@code POST} validates a posted TOML config without applying it
 * @param policyVersionPath where {@code GET} shows the running policy's version, digest and signer
 * @param maxRequestBytes largest body the validate endpoint reads (413 above)
 * @param listenSocket a unix socket (0600) serving the same endpoints, or {@code ""}
 * @param tls mutual TLS for the TCP admin listener ({@code [admin.listen.tls]}), or null for plain loopback
 */
public record AdminConfig(
    boolean enabled,
    String listenAddress,
    String path,
    String policyVersionPath,
    long maxRequestBytes,
    String listenSocket,
    TlsMaterial tls) {

  public AdminConfig {
    Objects.requireNonNull(listenAddress, "listenAddress");
    Objects.requireNonNull(listenSocket, "listenSocket");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(policyVersionPath, "policyVersionPath");
  }
}
