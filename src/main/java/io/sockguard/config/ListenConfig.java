package io.sockguard.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Where sockguard accepts clients ({@code [listen]}). Immutable.
 *
 * @param address TCP {@code host:port}, {@code ""} disables TCP; validated by the loader
 * @param socket unix socket path, {@code ""} disables the unix listener
 * @param socketMode permission bits of the unix socket file ({@code "0600"} in TOML)
 * @param insecureAllowPlainTcp acknowledges plain (unencrypted) TCP on a non-loopback address
 * @param insecureAllowUnauthenticatedClients acknowledges that TCP clients are not authenticated
 * @param headerTimeout time a client has to send a complete request head
 * @param idleTimeout how long a keep-alive connection may sit idle between requests
 * @param shutdownGrace how long in-flight exchanges may finish on shutdown
 * @param socketGroup group that owns the unix socket file, {@code ""} for the process's own group
 * @param tls TLS for the TCP listener ({@code [listen.tls]}), or null for plain TCP
 */
public record ListenConfig(
    String address,
    String socket,
    int socketMode,
    boolean insecureAllowPlainTcp,
    boolean insecureAllowUnauthenticatedClients,
    Duration headerTimeout,
    Duration idleTimeout,
    Duration shutdownGrace,
    String socketGroup,
    TlsConfig tls) {

  /** Without a socket group and without TLS. */
  public ListenConfig(
      String address,
      String socket,
      int socketMode,
      boolean insecureAllowPlainTcp,
      boolean insecureAllowUnauthenticatedClients,
      Duration headerTimeout,
      Duration idleTimeout,
      Duration shutdownGrace) {
    this(
        address, socket, socketMode, insecureAllowPlainTcp, insecureAllowUnauthenticatedClients, headerTimeout,
        idleTimeout, shutdownGrace, "", null);
  }

  public ListenConfig {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(socket, "socket");
    if (socketMode < 0 || socketMode > 0777) {
      throw new IllegalArgumentException("socketMode must be within 0000-0777 (octal): " + socketMode);
    }
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    Objects.requireNonNull(socketGroup, "socketGroup");
  }

  /** Whether a TCP listener is configured. */
  public boolean hasTcp() {
    return !address.isEmpty();
  }

  /** Whether a unix socket listener is configured. */
  public boolean hasUnixSocket() {
    return !socket.isEmpty();
  }
}
