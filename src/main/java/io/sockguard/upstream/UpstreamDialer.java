package io.sockguard.upstream;

import io.sockguard.http.BufferPool;
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
  private final Listener listener;
  private final BufferPool buffers;

  /** A dialer for probes: no listener, a small buffer pool of its own. */
  public UpstreamDialer(Path socket) {
    this(socket, Listener.NONE, new BufferPool(8 * 1024, 4));
  }

  /** A dialer reporting to {@code listener}, with a small buffer pool of its own. */
  public UpstreamDialer(Path socket, Listener listener) {
    this(socket, listener, new BufferPool(8 * 1024, 4));
  }

  /**
   * A dialer that tells {@code listener} about every dial and every connection it made closing, and takes its
   * connections' I/O buffers from {@code buffers}.
   */
  public UpstreamDialer(Path socket, Listener listener, BufferPool buffers) {
    this.socket = socket;
    this.listener = listener;
    this.buffers = buffers;
  }

  /**
   * Hears about dials (the passive health signal) and closed connections (byte totals for metrics). Called on the
   * dialling or closing thread; implementations must be fast and thread-safe.
   */
  public interface Listener {
    Listener NONE = new Listener() {};

    default void dialed() {}

    /** A dial failed; {@code error} is the message of the {@link UpstreamUnreachableException}. */
    default void dialFailed(String error) {}

    /** A connection closed after sending {@code bytesSent} to the daemon and reading {@code bytesReceived}. */
    default void closed(long bytesSent, long bytesReceived) {}
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
      listener.dialed();
      return new UpstreamConnection(channel, listener, buffers);
    } catch (IOException e) {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException ignored) {
          // the dial already failed
        }
      }
      UpstreamUnreachableException failure =
          new UpstreamUnreachableException(
              "dial unix " + socket + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
              e);
      listener.dialFailed(failure.getMessage());
      throw failure;
    }
  }
}
