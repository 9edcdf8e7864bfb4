package io.sockguard.upstream;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Dials the Docker daemon's unix socket with the JDK's own AF_UNIX channels. Every dial is fresh: nothing is cached
 * across a daemon restart, so requests succeed again as soon as the socket is back. Thread-safe.
 */
public final class UpstreamDialer {
  private final Path socket;

  public UpstreamDialer(Path socket) {
    this.socket = socket;
  }

  public Path socket() {
    return socket;
  }

  /** Opens a blocking connection, or throws {@link UpstreamUnreachableException} naming the socket and the cause. */
  public UpstreamConnection dial() {
    SocketChannel channel = null;
    try {
      channel = SocketChannel.open(StandardProtocolFamily.UNIX);
      channel.connect(UnixDomainSocketAddress.of(socket));
      return new UpstreamConnection(channel);
    } catch (IOException e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // the dial already failed
        }
      }
      throw new UpstreamUnreachableException(
          "dial unix " + socket + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
  }
}
