package io.sockguard.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Objects;

/**
 * Parses request and response heads strictly (RFC 9112 §2–§5) from a caller-supplied stream,
 * consuming exactly the head so the body can be read from the same stream afterwards.
 *
 * <p>Blocking; one instance per connection direction, used by one thread at a time (not
 * thread-safe: it reuses a line buffer across the requests of a keep-alive connection). Never
 * closes the stream. Pass a buffered stream: bytes are read one at a time so that nothing past the
 * head is consumed.
 *
 * <p>Strictness is the point: sockguard decides on the head it parsed, and the daemon acts on the
 * bytes it receives, so anything two parsers could read differently (bare LF, obs-fold, odd
 * spacing, absolute-form targets) is refused rather than normalised.
 */
public final class HeadReader {

  /**
   * Empty lines skipped before a request line. RFC 9112 §2.2 asks servers to ignore at least one
   * (some clients send a stray CRLF after a POST body); a handful is plenty, more is a client
   * misbehaving.
   */
  static final int MAX_LEADING_EMPTY_LINES = 4;

  private static final String HEAD_TOO_LARGE = "request head too large";

  private final LineReader lines;
  private final HttpLimits limits;

  public HeadReader(InputStream in, HttpLimits limits) {
    this.lines = new LineReader(Objects.requireNonNull(in, "in"));
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Reads the next request head.
   *
   * @return the head, or null if the stream ended cleanly before a request line began (a keep-alive
   *     client hanging up, possibly after a stray empty line)
   * @throws HttpProtocolException 400 malformed, 431 over {@link HttpLimits}, 505 unsupported
   *     version
   * @throws EOFException if the stream ends inside the head
   */
  public RequestHead readRequest() throws IOException {
    int budget = limits.maxHeadBytes();
    int length;
    int emptyLines = 0;
    while (true) {
      length = lines.read(budget, 431, HEAD_TOO_LARGE);
      if (length < 0) {
        return null;
      }
      budget -= length + 2;
      if (length > 0) {
        break;
      }
      if (++emptyLines > MAX_LEADING_EMPTY_LINES) {
        throw HttpProtocolException.badRequest("too many empty lines before the request line");
      }
    }
    RequestLine line = parseRequestLine(length);
    HeaderFields headers = readFields(budget, HEAD_TOO_LARGE);
    int hosts = headers.count("Host");
    // RFC 9112 §3.2: exactly one Host in HTTP/1.1; never more than one in any version.
    if (hosts > 1 || (hosts == 0 && line.version == HttpVersion.HTTP_1_1)) {
      throw HttpProtocolException.badRequest("exactly one Host header field is required");
    }
    return new RequestHead(line.method, line.target, line.version, headers);
  }

  /**
   * Reads the next response head from the daemon. As strict as {@link #readRequest()} on line ends
   * and field syntax, but accepts what Go's net/http writes: any reason phrase including an empty
   * one, with or without the space before it, and status codes 100–999. Interim (1xx) responses are
   * returned like any other; the caller loops past them.
   *
   * @throws HttpProtocolException 502 for any malformed or oversized head
   * @throws EOFException if the stream ends before or inside the head
   */
  public ResponseHead readResponse() throws IOException {
    try {
      int budget = limits.maxHeadBytes();
      int length = lines.read(budget, 502, "response head too large");
      if (length < 0) {
        throw new EOFException("daemon closed the connection before responding");
      }
      budget -= length + 2;
      byte[] b = lines.buffer();
      // "HTTP/1.1 200" is the shortest valid status line: version, SP, 3DIGIT.
      if (length < 12 || b[8] != ' ' || (length > 12 && b[12] != ' ')) {
        throw HttpProtocolException.badGateway("malformed status line");
      }
      HttpVersion version = parseVersion(b, 0);
      if (version == null) {
        throw HttpProtocolException.badGateway("unsupported HTTP version in status line");
      }
      if (!Syntax.isDigit(b[9])
          || !Syntax.isDigit(b[10])
          || !Syntax.isDigit(b[11])
          || b[9] == '0') {
        throw HttpProtocolException.badGateway("malformed status code");
      }
      int status = (b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0');
      for (int i = 13; i < length; i++) {
        if (!Syntax.isFieldValueChar(b[i] & 0xFF)) {
          throw HttpProtocolException.badGateway("control character in reason phrase");
        }
      }
      String reason = length > 13 ? lines.string(13, length) : "";
      HeaderFields headers = readFields(budget, "response head too large");
      return new ResponseHead(version, status, reason, headers);
    } catch (HttpProtocolException e) {
      if (e.status() == 502) {
        throw e;
      }
      // Field and line errors are phrased for clients; from the daemon they all mean a bad gateway.
      throw HttpProtocolException.badGateway(
          "malformed response head from daemon: " + e.getMessage());
    }
  }

  private record RequestLine(String method, String target, HttpVersion version) {}

  private RequestLine parseRequestLine(int length) {
    byte[] b = lines.buffer();
    int sp1 = 0;
    while (sp1 < length && b[sp1] != ' ') {
      if (!Syntax.isTokenChar(b[sp1])) {
        throw HttpProtocolException.badRequest("method is not a token");
      }
      sp1++;
    }
    if (sp1 == 0 || sp1 == length) {
      throw HttpProtocolException.badRequest("malformed request line");
    }
    int targetStart = sp1 + 1;
    int sp2 = targetStart;
    while (sp2 < length && b[sp2] != ' ') {
      int c = b[sp2] & 0xFF;
      // '#' is visible ASCII but never part of a request target (RFC 9110 §7.1); a fragment is
      // exactly the kind of
      // thing our router and the daemon's could read differently.
      if (c <= 0x20 || c >= 0x7F || c == '#') {
        throw HttpProtocolException.badRequest("request target holds a forbidden character");
      }
      sp2++;
    }
    if (sp2 == targetStart || sp2 == length) {
      throw HttpProtocolException.badRequest("malformed request line");
    }
    // Only origin-form: the daemon is reached over a socket, so absolute-form would only add a
    // second authority and
    // asterisk-form (OPTIONS *) is meaningless to the Docker API.
    if (b[targetStart] != '/') {
      throw HttpProtocolException.badRequest("request target must be origin-form");
    }
    int versionStart = sp2 + 1;
    if (length - versionStart != 8 || !isVersionSyntax(b, versionStart)) {
      throw HttpProtocolException.badRequest("malformed HTTP version");
    }
    HttpVersion version = parseVersion(b, versionStart);
    if (version == null) {
      throw new HttpProtocolException(505, "HTTP version not supported");
    }
    return new RequestLine(method(b, sp1), lines.string(targetStart, sp2), version);
  }

  /**
   * Shares the String for the methods the Docker API uses; others are kept as received (methods are
   * case-sensitive).
   */
  private String method(byte[] b, int length) {
    return switch (length) {
      case 3 -> b[0] == 'G' && b[1] == 'E' && b[2] == 'T' ? "GET" : lines.string(0, length);
      case 4 ->
          b[0] == 'P' && b[1] == 'O' && b[2] == 'S' && b[3] == 'T'
              ? "POST"
              : b[0] == 'H' && b[1] == 'E' && b[2] == 'A' && b[3] == 'D'
                  ? "HEAD"
                  : lines.string(0, length);
      default -> lines.string(0, length);
    };
  }

  /** {@code HTTP/DIGIT.DIGIT}: the HTTP-name is case-sensitive (RFC 9112 §2.3). */
  private static boolean isVersionSyntax(byte[] b, int at) {
    return b[at] == 'H'
        && b[at + 1] == 'T'
        && b[at + 2] == 'T'
        && b[at + 3] == 'P'
        && b[at + 4] == '/'
        && Syntax.isDigit(b[at + 5])
        && b[at + 6] == '.'
        && Syntax.isDigit(b[at + 7]);
  }

  /** The version at {@code at} if it is HTTP/1.0 or HTTP/1.1, else null. */
  private static HttpVersion parseVersion(byte[] b, int at) {
    if (!isVersionSyntax(b, at) || b[at + 5] != '1') {
      return null;
    }
    return switch (b[at + 7]) {
      case '0' -> HttpVersion.HTTP_1_0;
      case '1' -> HttpVersion.HTTP_1_1;
      default -> null;
    };
  }

  /** Reads field lines up to and including the blank line, within {@code budget} bytes. */
  private HeaderFields readFields(int budget, String overflowMessage) throws IOException {
    ArrayList<HeaderField> fields = new ArrayList<>(16);
    while (true) {
      int length = lines.read(budget, 431, overflowMessage);
      if (length < 0) {
        throw new EOFException("end of stream inside the head");
      }
      budget -= length + 2;
      if (length == 0) {
        return HeaderFields.adopt(fields);
      }
      if (fields.size() == limits.maxHeaderCount()) {
        throw new HttpProtocolException(431, "too many header fields");
      }
      fields.add(parseField(lines, length));
    }
  }

  /**
   * Parses {@code name ":" OWS value OWS} (RFC 9112 §5). Shared with chunked trailers.
   *
   * @throws HttpProtocolException 400 on obs-fold, a non-token name (including whitespace before
   *     the colon) or a control character in the value
   */
  static HeaderField parseField(LineReader lines, int length) {
    byte[] b = lines.buffer();
    // obs-fold (RFC 9112 §5.2): continuation lines are refused, not unfolded.
    if (Syntax.isWhitespace(b[0])) {
      throw HttpProtocolException.badRequest("obsolete line folding is not accepted");
    }
    int colon = 0;
    while (colon < length && b[colon] != ':') {
      if (!Syntax.isTokenChar(b[colon])) {
        throw HttpProtocolException.badRequest("invalid header field name");
      }
      colon++;
    }
    if (colon == 0 || colon == length) {
      throw HttpProtocolException.badRequest("invalid header field line");
    }
    int start = colon + 1;
    int end = length;
    while (start < end && Syntax.isWhitespace(b[start])) {
      start++;
    }
    while (end > start && Syntax.isWhitespace(b[end - 1])) {
      end--;
    }
    for (int i = start; i < end; i++) {
      if (!Syntax.isFieldValueChar(b[i] & 0xFF)) {
        throw HttpProtocolException.badRequest("control character in header field value");
      }
    }
    return new HeaderField(lines.string(0, colon), start == end ? "" : lines.string(start, end));
  }
}
