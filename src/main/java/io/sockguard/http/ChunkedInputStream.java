package io.sockguard.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Decodes a chunked body (RFC 9112 §7.1) from a shared connection stream, strictly: hex sizes
 * without sign, junk or overflow; extensions allowed but bounded; CRLF required after every chunk's
 * data; trailer fields parsed like header fields, bounded, and discarded. Returns -1 once the last
 * chunk and trailer section have been consumed, leaving the stream at the next message.
 *
 * <p>Blocking; not thread-safe. Throws {@link EOFException} if the connection ends inside the body
 * and {@link HttpProtocolException} (400) on malformed framing; map the latter to 502 when decoding
 * a response. {@link #close()} leaves the underlying stream open and does not drain it.
 */
public final class ChunkedInputStream extends InputStream {

  private final InputStream in;
  private final HttpLimits limits;
  private final LineReader lines;

  /** Data bytes left in the current chunk. */
  private long remaining;

  /** Whether the CRLF after the current chunk's data is still to be read. */
  private boolean dataCrlfPending;

  private boolean finished;

  /**
   * @param in the connection stream, positioned at the first chunk-size line; should be buffered
   * @param limits {@link HttpLimits#maxChunkLineBytes()} bounds each size and trailer line, {@link
   *     HttpLimits#maxHeadBytes()} and {@link HttpLimits#maxHeaderCount()} bound the trailer
   *     section
   */
  public ChunkedInputStream(InputStream in, HttpLimits limits) {
    this.in = Objects.requireNonNull(in, "in");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.lines = new LineReader(in);
  }

  /**
   * True once the last chunk and the trailer section have been read; the stream then sits at the
   * next message.
   */
  public boolean isFinished() {
    return finished;
  }

  @Override
  public int read() throws IOException {
    if (!ensureData()) {
      return -1;
    }
    int b = in.read();
    if (b < 0) {
      throw new EOFException("connection closed inside a chunk");
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
    if (!ensureData()) {
      return -1;
    }
    int n = in.read(b, off, (int) Math.min(len, remaining));
    if (n < 0) {
      throw new EOFException("connection closed inside a chunk");
    }
    remaining -= n;
    return n;
  }

  @Override
  public int available() throws IOException {
    return finished ? 0 : (int) Math.min(in.available(), remaining);
  }

  /** Leaves the underlying stream open. */
  @Override
  public void close() {}

  /** Moves to a chunk with data left; false once the body is complete. */
  private boolean ensureData() throws IOException {
    while (remaining == 0) {
      if (finished) {
        return false;
      }
      if (dataCrlfPending) {
        readDataCrlf();
      }
      long size = readSizeLine();
      if (size == 0) {
        readTrailers();
        finished = true;
        return false;
      }
      remaining = size;
      dataCrlfPending = true;
    }
    return true;
  }

  private void readDataCrlf() throws IOException {
    int cr = in.read();
    int lf = cr < 0 ? -1 : in.read();
    if (lf < 0) {
      throw new EOFException("connection closed after chunk data");
    }
    if (cr != '\r' || lf != '\n') {
      throw HttpProtocolException.badRequest("chunk data not followed by CRLF");
    }
    dataCrlfPending = false;
  }

  /** Parses {@code chunk-size [ BWS ";" chunk-ext ] CRLF}. */
  private long readSizeLine() throws IOException {
    int length = lines.read(limits.maxChunkLineBytes(), 400, "chunk-size line too long");
    if (length < 0) {
      throw new EOFException("connection closed before a chunk-size line");
    }
    byte[] b = lines.buffer();
    long size = 0;
    int i = 0;
    while (i < length) {
      int digit = hexValue(b[i]);
      if (digit < 0) {
        break;
      }
      if (size > (Long.MAX_VALUE >> 4)) {
        throw HttpProtocolException.badRequest("chunk size too large");
      }
      size = (size << 4) | digit;
      i++;
    }
    if (i == 0) {
      throw HttpProtocolException.badRequest("invalid chunk size");
    }
    if (i < length) {
      checkExtensions(b, i, length);
    }
    return size;
  }

  private static int hexValue(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /**
   * Extensions are ignored, but only after checking they start with {@code ;} (after optional BWS)
   * and hold no control characters, so junk such as {@code 1a x} or {@code 1a\0} is refused rather
   * than read as size 0x1a.
   */
  private static void checkExtensions(byte[] b, int from, int length) {
    int i = from;
    while (i < length && Syntax.isWhitespace(b[i])) {
      i++;
    }
    if (i == length || b[i] != ';') {
      throw HttpProtocolException.badRequest("invalid chunk size");
    }
    for (; i < length; i++) {
      if (!Syntax.isFieldValueChar(b[i] & 0xFF)) {
        throw HttpProtocolException.badRequest("control character in chunk extension");
      }
    }
  }

  /** Reads trailer fields up to the final empty line, checking their syntax and discarding them. */
  private void readTrailers() throws IOException {
    int budget = limits.maxHeadBytes();
    int count = 0;
    while (true) {
      int max = Math.min(budget, limits.maxChunkLineBytes());
      int length = lines.read(max, 400, "trailer section too large");
      if (length < 0) {
        throw new EOFException("connection closed inside the trailer section");
      }
      if (length == 0) {
        return;
      }
      budget -= length + 2;
      if (++count > limits.maxHeaderCount()) {
        throw HttpProtocolException.badRequest("too many trailer fields");
      }
      HeadReader.parseField(lines, length);
    }
  }
}
