package io.sockguard.upstream;

import io.sockguard.http.BufferPool;
import io.sockguard.http.ChannelInput;
import io.sockguard.http.ChannelOutput;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/** One connection to the daemon's socket. Owned by one client connection at a time; {@link #close()} from any thread. */
public final class UpstreamConnection implements Closeable {
  private final SocketChannel channel;
  private final ChannelInput in;
  private final ChannelOutput out;
  private final UpstreamDialer.Listener listener;
  private final AtomicBoolean closed = new AtomicBoolean();

  UpstreamConnection(SocketChannel channel, UpstreamDialer.Listener listener, BufferPool buffers) {
    this.channel = channel;
    this.listener = listener;
    this.in = new ChannelInput(channel, buffers);
    this.out = new ChannelOutput(channel, buffers);
  }

  public ChannelInput in() {
    return in;
  }

  public ChannelOutput out() {
    return out;
  }

  public void shutdownOutput() throws IOException {
    channel.shutdownOutput();
  }

  public boolean isOpen() {
    return channel.isOpen();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      // Read without synchronisation, possibly from another thread (shutdown, the stream watcher): the input's count
      // subtracts its buffer's remaining bytes, which mid-read can exceed the total, so it is clamped; metrics
      // tolerate an undercount of at most one buffer per connection.
      listener.closed(Math.max(0, out.bytesWritten()), Math.max(0, in.bytesRead()));
    }
    try {
      channel.close();
    } catch (IOException e) {
      // best effort
    }
  }
}
