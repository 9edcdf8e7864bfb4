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
 * serialise a hijack relay's reader against its writer. This stream holds no lock; it borrows a direct buffer from a {@link BufferPool}
 * (so the JDK never needs a temporary one) and gives it back as soon as it is drained. Not thread-safe: one reader at a time. Closing this stream does not close the
 * channel; the connection owner does.
 */
public final class ChannelInput extends InputStream {
  private final ReadableByteChannel channel;
  private static final ByteBuffer NONE = ByteBuffer.allocate(0);

  private final BufferPool pool;
  private ByteBuffer buffer = NONE; // borrowed from the pool only while it holds bytes or a read blocks
  private long bytesRead;
  private Flushable beforeBlocking;

  public ChannelInput(ReadableByteChannel channel, BufferPool pool) {
    this.channel = channel;
    this.pool = pool;
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
    if (buffer == NONE) {
      buffer = pool.take();
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
      return true;
    }
    giveBackIfDrained();
    return false;
  }

  private void giveBackIfDrained() {
    if (buffer != NONE && !buffer.hasRemaining()) {
      pool.give(buffer);
      buffer = NONE;
    }
  }

  @Override
  public int read() throws IOException {
    if (!buffer.hasRemaining() && !fill()) {
      return -1;
    }
    int b = buffer.get() & 0xff;
    giveBackIfDrained();
    return b;
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
    giveBackIfDrained();
    return n;
  }

  /**
   * Blocks until at least one byte is buffered; returns false on EOF. Lets the keep-alive loop tell "idle" from
   * "a request has started" without consuming anything.
   */
  public boolean awaitData() throws IOException {
    return buffer.hasRemaining() || fill();
  }

  /**
   * Reads into {@code dst}: what is buffered first, else straight from the channel, skipping the buffer, so a bulk
   * relay moves reads as large as {@code dst}. Flushes the registered output before blocking, as {@link #read} does.
   * Returns the byte count, or -1 at EOF.
   */
  public int readInto(ByteBuffer dst) throws IOException {
    if (buffer.hasRemaining()) {
      int n = Math.min(dst.remaining(), buffer.remaining());
      dst.put(dst.position(), buffer, buffer.position(), n).position(dst.position() + n);
      buffer.position(buffer.position() + n);
      giveBackIfDrained();
      return n;
    }
    if (beforeBlocking != null) {
      beforeBlocking.flush();
    }
    int n = channel.read(dst);
    if (n > 0) {
      bytesRead += n;
    }
    return n;
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
