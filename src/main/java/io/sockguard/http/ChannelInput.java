package io.sockguard.http;

import java.io.Flushable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A buffered {@link InputStream} over a blocking channel.
 *
 * <p>Why not {@code Channels.newInputStream}: on some JDKs its reads hold the channel's blocking lock, which would
 * serialise a hijack relay's reader against its writer. This stream holds no lock; it owns one direct buffer so the
 * JDK never needs a temporary one. Not thread-safe: one reader at a time. Closing this stream does not close the
 * channel; the connection owner does.
 */
public final class ChannelInput extends InputStream {
  private final ReadableByteChannel channel;
  private final ByteBuffer buffer;
  private long bytesRead;
  private Flushable beforeBlocking;

  public ChannelInput(ReadableByteChannel channel, int bufferSize) {
    this.channel = channel;
    this.buffer = ByteBuffer.allocateDirect(bufferSize);
    buffer.flip();
  }

  /**
   * Registers {@code output} to be flushed whenever this stream is about to block on the channel, or clears it with
   * null. This is how streams stay live: whatever was relayed reaches the client before we wait for more.
   */
  public void flushBeforeBlocking(Flushable output) {
    this.beforeBlocking = output;
  }

  private boolean fill() throws IOException {
    if (beforeBlocking != null) {
      beforeBlocking.flush();
    }
    buffer.clear();
    int n;
    try {
      n = channel.read(buffer);
    } finally {
      buffer.flip();
    }
    if (n > 0) {
      bytesRead += n;
    }
    return n > 0;
  }

  @Override
  public int read() throws IOException {
    if (!buffer.hasRemaining() && !fill()) {
      return -1;
    }
    return buffer.get() & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!buffer.hasRemaining() && !fill()) {
      return -1;
    }
    int n = Math.min(len, buffer.remaining());
    buffer.get(b, off, n);
    return n;
  }

  /**
   * Blocks until at least one byte is buffered; returns false on EOF. Lets the keep-alive loop tell "idle" from
   * "a request has started" without consuming anything.
   */
  public boolean awaitData() throws IOException {
    return buffer.hasRemaining() || fill();
  }

  /** Bytes already buffered: reading that many will not block. */
  @Override
  public int available() {
    return buffer.remaining();
  }

  /** Total bytes handed to readers so far (taken from the channel, minus what is still buffered). */
  public long bytesRead() {
    return bytesRead - buffer.remaining();
  }

  @Override
  public void close() {
    // the connection owns the channel
  }
}
