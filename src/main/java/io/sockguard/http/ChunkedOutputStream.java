package io.sockguard.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Encodes a body as chunks (RFC 9112 §7.1): every non-empty {@link #write(byte[], int, int)}
 * becomes exactly one chunk, so a stream relay that writes what it read keeps the daemon's message
 * boundaries (docker logs, events).
 *
 * <p>Blocking; not thread-safe. {@link #finish()} writes the last chunk once; {@link #close()}
 * finishes but leaves the underlying stream open, since it belongs to the connection. Nothing is
 * flushed unless {@link #flush()} is called. Wrap a buffered stream: a chunk is written as three
 * small writes.
 */
public final class ChunkedOutputStream extends OutputStream {

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final OutputStream out;

  /** Room for 8 hex digits of an int length plus CRLF. */
  private final byte[] sizeLine = new byte[10];

  private boolean finished;

  public ChunkedOutputStream(OutputStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /** Writes a chunk of one byte; prefer the array form. */
  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (finished) {
      throw new IOException("chunked body already finished");
    }
    if (len == 0) {
      // A zero-length chunk would end the body.
      return;
    }
    int start = sizeLine.length - 2;
    sizeLine[start] = '\r';
    sizeLine[start + 1] = '\n';
    int n = len;
    do {
      sizeLine[--start] = HEX[n & 0xF];
      n >>>= 4;
    } while (n != 0);
    out.write(sizeLine, start, sizeLine.length - start);
    out.write(b, off, len);
    out.write(CRLF);
  }

  /** Writes the last chunk and an empty trailer section; later calls do nothing. Does not flush. */
  public void finish() throws IOException {
    if (!finished) {
      finished = true;
      out.write(LAST_CHUNK);
    }
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Finishes the body; leaves the underlying stream open. */
  @Override
  public void close() throws IOException {
    finish();
  }
}
