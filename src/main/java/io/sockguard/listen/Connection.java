package io.sockguard.listen;

import io.sockguard.http.BufferPool;
import io.sockguard.http.ChannelInput;
import io.sockguard.http.ChannelOutput;
import io.sockguard.identify.ClientIdentity;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLSocket;

/**
 * One accepted client connection: a blocking channel (plain, or TLS layered over it) with its buffered streams and the
 * caller's identity.
 *
 * <p>Thread use: one thread serves the connection; during a hijack a second one reads {@link #in()} while the first
 * writes {@link #out()}. {@link #close()} may be called from any thread (shutdown, deadline sweeper) and unblocks
 * both: it closes the underlying channel, never the TLS socket, whose own close would want to send an alert and could
 * block behind a stuck writer.
 */
public final class Connection implements Closeable {
  private final SocketChannel channel;
  private final SSLSocket tls;
  private final ClientIdentity identity;
  private final ChannelInput in;
  private final ChannelOutput out;

  /** A plain (TCP or unix) connection. */
  public Connection(SocketChannel channel, ClientIdentity identity, BufferPool buffers) {
    this.channel = channel;
    this.tls = null;
    this.identity = identity;
    this.in = new ChannelInput(channel, buffers);
    this.out = new ChannelOutput(channel, buffers);
  }

  /**
   * A TLS connection whose handshake is done. The TLS socket's two streams become two separate channels, so the
   * hijack relay's reader and writer never share a lock.
   */
  Connection(SocketChannel channel, SSLSocket tls, ClientIdentity identity, BufferPool buffers) throws IOException {
    this.channel = channel;
    this.tls = tls;
    this.identity = identity;
    this.in = new ChannelInput(Channels.newChannel(tls.getInputStream()), buffers);
    this.out = new ChannelOutput(Channels.newChannel(tls.getOutputStream()), buffers);
  }

  public ClientIdentity identity() {
    return identity;
  }

  public ChannelInput in() {
    return in;
  }

  public ChannelOutput out() {
    return out;
  }

  /**
   * Half-close: the peer reads EOF, we may still read. Over TLS 1.3 this sends {@code close_notify}, which closes only
   * our direction (RFC 8446 section 6.1).
   */
  public void shutdownOutput() throws IOException {
    if (tls != null) {
      tls.shutdownOutput();
    } else {
      channel.shutdownOutput();
    }
  }

  public boolean isOpen() {
    return channel.isOpen();
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // closing is best effort; the peer is gone either way
    }
  }
}
