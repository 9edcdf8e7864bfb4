package io.sockguard.config;

import java.util.Objects;

/**
 * One place clients connect: the TCP and unix listeners of {@code [listen]}, and each {@code [[listeners]]} entry.
 * Exactly one of {@code address} and {@code socket} is set. Immutable.
 *
 * @param name {@code listen.address}, {@code listen.socket} or {@code listeners[i]}, for messages and logs
 * @param address TCP {@code host:port}, or {@code ""}
 * @param socket unix socket path, or {@code ""}
 * @param socketMode permission bits of the socket file
 * @param socketGroup group to own the socket file, or {@code ""} to keep the process's group
 * @param tls TLS settings for a TCP listener, or null for plain TCP (and for unix sockets)
 * @param profile the profile every caller of this listener gets, or {@code ""} to select one per caller
 */
public record ListenerConfig(
    String name, String address, String socket, int socketMode, String socketGroup, TlsConfig tls, String profile) {

  public ListenerConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(socket, "socket");
    Objects.requireNonNull(socketGroup, "socketGroup");
    Objects.requireNonNull(profile, "profile");
    if (address.isEmpty() == socket.isEmpty()) {
      throw new IllegalArgumentException("exactly one of address and socket must be set");
    }
    if (tls != null && !socket.isEmpty()) {
      throw new IllegalArgumentException("TLS applies to TCP listeners only");
    }
  }

  public boolean isTcp() {
    return !address.isEmpty();
  }

  public boolean isUnix() {
    return !socket.isEmpty();
  }

  public boolean isTls() {
    return tls != null;
  }

  /** Whether callers get {@link #profile()} regardless of who they are. */
  public boolean isPinned() {
    return !profile.isEmpty();
  }

  /** Whether other users than the owner may connect (connecting to a unix socket needs write permission). */
  public boolean isShared() {
    return isUnix() && (socketMode & 0022) != 0;
  }
}
