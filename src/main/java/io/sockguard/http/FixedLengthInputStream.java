package io.sockguard.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A body of exactly {@code length} bytes read from a shared connection stream: returns -1 after the
 * last byte, and throws {@link EOFException} if the connection ends first.
 *
 * <p>Blocking; not thread-safe. {@link #close()} leaves the underlying stream open (it belongs to
 * the connection) and does not drain the unread rest; the caller drains or closes the connection.
 */
public final class FixedLengthInputStream extends InputStream {

  private final InputStream in;
  private long remaining;

  public FixedLengthInputStream(InputStream in, long length) {
    if (length < 0) {
      throw new IllegalArgumentException("negative length: " + length);
    }
    this.in = Objects.requireNonNull(in, "in");
    this.remaining = length;
  }

  /** Bytes of the body not read yet. */
  public long remaining() {
    return remaining;
  }

  @Override
  public int read() throws IOException {
    if (remaining == 0) {
      return -1;
    }
    int b = in.read();
    if (b < 0) {
      throw prematureEnd();
    }
    remaining--;
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (remaining == 0) {
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw prematureEnd();
    }
    remaining -= n;
    return n;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(in.available(), remaining);
  }

  /** Leaves the underlying stream open. */
  @Override
  public void close() {}

  private EOFException prematureEnd() {
    return new EOFException("connection closed with " + remaining + " body bytes outstanding");
  }
}
