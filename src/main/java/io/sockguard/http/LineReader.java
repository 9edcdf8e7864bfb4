package io.sockguard.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads CRLF-terminated lines byte by byte, so nothing past the line is consumed (the body follows
 * the head on the same stream). The caller's stream should be buffered. Reuses one growing buffer;
 * not thread-safe, one per connection direction.
 */
final class LineReader {

  private static final int INITIAL_CAPACITY = 256;

  private final InputStream in;
  private byte[] buffer = new byte[INITIAL_CAPACITY];

  LineReader(InputStream in) {
    this.in = in;
  }

  /**
   * Reads one line into {@link #buffer()} without its CRLF.
   *
   * @param maxBytes most bytes the line may take including its CRLF
   * @param overflowStatus status of the exception thrown when the line is longer than {@code
   *     maxBytes}
   * @param overflowMessage client-safe message for that exception
   * @return the line's length without CRLF, or -1 on end of stream before the line's first byte
   * @throws EOFException on end of stream inside the line
   * @throws HttpProtocolException 400 on a bare CR or bare LF (RFC 9112 §2.2: we never guess at
   *     line ends, since a peer that splits lines differently from the daemon could smuggle a
   *     header past us)
   */
  int read(int maxBytes, int overflowStatus, String overflowMessage) throws IOException {
    int length = 0;
    int b = in.read();
    if (b < 0) {
      return -1;
    }
    while (true) {
      if (b == '\r') {
        if (length + 2 > maxBytes) {
          throw new HttpProtocolException(overflowStatus, overflowMessage);
        }
        int next = in.read();
        if (next < 0) {
          throw new EOFException("end of stream inside a line");
        }
        if (next != '\n') {
          throw HttpProtocolException.badRequest("bare CR in line");
        }
        return length;
      }
      if (b == '\n') {
        throw HttpProtocolException.badRequest("bare LF in line; CRLF required");
      }
      // length + 1 for this byte, + 2 for the CRLF still to come.
      if (length + 3 > maxBytes) {
        throw new HttpProtocolException(overflowStatus, overflowMessage);
      }
      if (length == buffer.length) {
        buffer =
            Arrays.copyOf(
                buffer, Math.min(buffer.length * 2, Math.max(maxBytes, INITIAL_CAPACITY)));
      }
      buffer[length++] = (byte) b;
      b = in.read();
      if (b < 0) {
        throw new EOFException("end of stream inside a line");
      }
    }
  }

  /** The last line's bytes; valid until the next {@link #read}. */
  byte[] buffer() {
    return buffer;
  }

  /**
   * Bytes {@code [from, to)} of the last line as ISO-8859-1, which maps each byte to one char
   * without failing.
   */
  String string(int from, int to) {
    return new String(buffer, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
