package io.sockguard.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A buffered {@link OutputStream} over a blocking channel; bytes reach the peer on {@link #flush()} or when the
 * buffer fills. Holds no lock (see {@link ChannelInput}). Not thread-safe: one writer at a time. Closing flushes but
 * does not close the channel.
 */
public final class ChannelOutput extends OutputStream {
  private final WritableByteChannel channel;
  private final BufferPool pool;
  private ByteBuffer buffer; // borrowed from the pool between the first write and the next flush
  private long bytesWritten;

  public ChannelOutput(WritableByteChannel channel, BufferPool pool) {
    this.channel = channel;
    this.pool = pool;
  }

  @Override
  public void write(int b) throws IOException {
    if (buffer == null) {
      buffer = pool.take();
    }
    if (!buffer.hasRemaining()) {
      drain();
    }
    buffer.put((byte) b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (len > 0 && buffer == null) {
      buffer = pool.take();
    }
    while (len > 0) {
      if (!buffer.hasRemaining()) {
        drain();
      }
      int n = Math.min(len, buffer.remaining());
      buffer.put(b, off, n);
      off += n;
      len -= n;
    }
  }

  private void drain() throws IOException {
    buffer.flip();
    try {
      while (buffer.hasRemaining()) {
        bytesWritten += channel.write(buffer);
      }
    } finally {
      buffer.clear();
    }
  }

  @Override
  public void flush() throws IOException {
    if (buffer == null) {
      return;
    }
    if (buffer.position() > 0) {
      drain();
    }
    pool.give(buffer);
    buffer = null;
  }

  /** Flushes what is buffered, then writes all of {@code src} straight to the channel. */
  public void writeFrom(ByteBuffer src) throws IOException {
    flush();
    while (src.hasRemaining()) {
      bytesWritten += channel.write(src);
    }
  }

  /** Total bytes handed to the channel so far. */
  public long bytesWritten() {
    return bytesWritten;
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
