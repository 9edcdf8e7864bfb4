package io.sockguard.listen;

import io.sockguard.http.BufferPool;
import io.sockguard.http.ChannelInput;
import io.sockguard.http.ChannelOutput;
import io.sockguard.identify.ClientIdentity;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * One accepted client connection: a blocking channel with its buffered streams and the caller's identity.
 *
 * <p>Thread use: one virtual thread serves the connection; during a hijack a second one reads {@link #in()} while the
 * first writes {@link #out()}. {@link #close()} may be called from any thread (shutdown, deadline sweeper) and
 * unblocks both.
 */
public final class Connection implements Closeable {
  private final SocketChannel channel;
  private final ClientIdentity identity;
  private final ChannelInput in;
  private final ChannelOutput out;

  public Connection(SocketChannel channel, ClientIdentity identity, BufferPool buffers) {
    this.channel = channel;
    this.identity = identity;
    this.in = new ChannelInput(channel, buffers);
    this.out = new ChannelOutput(channel, buffers);
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

  /** Half-close: the peer reads EOF, we may still read. */
  public void shutdownOutput() throws IOException {
    channel.shutdownOutput();
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
