package io.sockguard.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads HTTP/1.1 requests for {@link FakeUpstream}. Deliberately simple, since it only has to
 * understand what sockguard sends, but it frames bodies correctly: chunked (RFC 9112 section 7.1)
 * wins over Content-Length, and a request with neither has no body (RFC 9112 section 6.3). Not
 * thread-safe: one reader per connection.
 */
final class RequestReader {

  /** Bigger than any head sockguard forwards; protects the test JVM from a runaway client. */
  private static final int MAX_HEAD_BYTES = 256 * 1024;

  private final InputStream in;

  RequestReader(InputStream in) {
    this.in = in;
  }

  /** The next request, or null if the peer closed the connection cleanly between requests. */
  RecordedRequest next() throws IOException {
    String head = readHead();
    if (head == null) {
      return null;
    }
    String[] lines = head.split("\r\n", -1);
    String[] requestLine = lines[0].split(" ", -1);
    if (requestLine.length != 3) {
      throw new IOException("malformed request line: " + lines[0]);
    }
    List<RecordedRequest.Header> headers = new ArrayList<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        throw new IOException("malformed header line: " + lines[i]);
      }
      headers.add(
          new RecordedRequest.Header(
              lines[i].substring(0, colon), lines[i].substring(colon + 1).strip()));
    }
    byte[] body = readBody(headers);
    return new RecordedRequest(requestLine[0], requestLine[1], requestLine[2], headers, body, head);
  }

  /** Reads up to the blank line; returns the head without it, or null on a clean EOF. */
  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        if (head.size() == 0) {
          return null;
        }
        throw new EOFException("connection closed inside a request head");
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > MAX_HEAD_BYTES) {
        throw new IOException("request head larger than " + MAX_HEAD_BYTES + " bytes");
      }
    }
    byte[] bytes = head.toByteArray();
    return new String(bytes, 0, bytes.length - 4, ISO_8859_1);
  }

  private byte[] readBody(List<RecordedRequest.Header> headers) throws IOException {
    String transferEncoding = null;
    String contentLength = null;
    for (RecordedRequest.Header header : headers) {
      if (header.name().equalsIgnoreCase("Transfer-Encoding")) {
        transferEncoding = header.value();
      } else if (header.name().equalsIgnoreCase("Content-Length")) {
        contentLength = header.value();
      }
    }
    if (transferEncoding != null
        && transferEncoding.toLowerCase(Locale.ROOT).strip().endsWith("chunked")) {
      return readChunked();
    }
    if (contentLength != null) {
      return readExactly(Long.parseLong(contentLength));
    }
    return new byte[0];
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine();
      int extension = sizeLine.indexOf(';');
      String size = (extension < 0 ? sizeLine : sizeLine.substring(0, extension)).strip();
      long length = Long.parseLong(size, 16);
      if (length == 0) {
        // Trailer section: header lines until the blank line that ends the message.
        while (!readLine().isEmpty()) {
          // trailers are not recorded
        }
        return body.toByteArray();
      }
      body.write(readExactly(length));
      if (!readLine().isEmpty()) {
        throw new IOException("chunk data not followed by CRLF");
      }
    }
  }

  private byte[] readExactly(long length) throws IOException {
    if (length > Integer.MAX_VALUE - 8) {
      throw new IOException("body too large for a test fixture: " + length);
    }
    byte[] bytes = in.readNBytes((int) length);
    if (bytes.length != length) {
      throw new EOFException(
          "connection closed after " + bytes.length + " of " + length + " bytes");
    }
    return bytes;
  }

  /** A CRLF-terminated line without its terminator. */
  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed inside chunked framing");
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, ISO_8859_1);
      }
      line.write(b);
      previous = b;
    }
  }
}
