package io.sockguard.http;

import java.util.List;

/**
 * How a message body is delimited on the wire (RFC 9112 §6.3). Decided once per message from its
 * head; the relay picks the matching stream ({@link FixedLengthInputStream}, {@link
 * ChunkedInputStream}) from it.
 */
public sealed interface Framing {

  /** No body follows the head. */
  record NoBody() implements Framing {}

  /** Exactly {@code length} bytes follow (Content-Length). */
  record FixedLength(long length) implements Framing {
    public FixedLength {
      if (length < 0) {
        throw new IllegalArgumentException("negative length: " + length);
      }
    }
  }

  /** Transfer-Encoding: chunked. */
  record Chunked() implements Framing {}

  /** The body runs until the daemon closes the connection (responses only). */
  record UntilClose() implements Framing {}

  /**
   * The framing of a client's request, refusing every ambiguity a smuggling attack could use.
   *
   * @throws HttpProtocolException 400 for Transfer-Encoding with Content-Length, Transfer-Encoding
   *     on HTTP/1.0, or a Content-Length that is repeated, a list, or not a non-negative decimal
   *     fitting a long; 501 for a Transfer-Encoding other than exactly {@code chunked}
   */
  static Framing ofRequest(RequestHead head) {
    HeaderFields headers = head.headers();
    List<String> codings = headers.values("Transfer-Encoding");
    List<String> lengths = headers.values("Content-Length");
    if (!codings.isEmpty()) {
      // RFC 9112 §6.1 lets TE override CL, but a proxy that picks one while the daemon picks the
      // other is the
      // classic request smuggling setup; refuse instead.
      if (!lengths.isEmpty()) {
        throw HttpProtocolException.badRequest("Transfer-Encoding and Content-Length together");
      }
      if (head.version() == HttpVersion.HTTP_1_0) {
        throw HttpProtocolException.badRequest("Transfer-Encoding in an HTTP/1.0 request");
      }
      if (codings.size() == 1 && codings.get(0).isEmpty()) {
        throw HttpProtocolException.badRequest("empty Transfer-Encoding");
      }
      // Only a single "chunked": other codings would have to be decoded to inspect the body, and
      // "chunked, chunked"
      // or a coding list is where implementations disagree.
      if (codings.size() != 1 || !Syntax.equalsIgnoreCase(codings.get(0), "chunked")) {
        throw new HttpProtocolException(501, "only Transfer-Encoding: chunked is supported");
      }
      return new Chunked();
    }
    if (lengths.isEmpty()) {
      return new NoBody();
    }
    // Strict even for equal duplicates (RFC 9112 §6.3 allows merging them): the daemon is Go, which
    // refuses them.
    if (lengths.size() != 1) {
      throw HttpProtocolException.badRequest("more than one Content-Length");
    }
    long length = Syntax.parseDecimal(lengths.get(0));
    if (length < 0) {
      throw HttpProtocolException.badRequest("invalid Content-Length");
    }
    return length == 0 ? new NoBody() : new FixedLength(length);
  }

  /**
   * The framing of the daemon's response to a request with {@code requestMethod}, per RFC 9112
   * §6.3: no body for HEAD, 1xx, 204 and 304; else chunked, Content-Length, or until close.
   * Tolerates repeated identical Content-Length values, as the RFC allows, since the daemon is
   * trusted to mean one length.
   *
   * @throws HttpProtocolException 502 for Transfer-Encoding with Content-Length, Transfer-Encoding
   *     in HTTP/1.0, a coding other than chunked (it could not be re-framed after the hop-by-hop
   *     header is dropped), or differing or invalid Content-Length values
   */
  static Framing ofResponse(String requestMethod, ResponseHead head) {
    int status = head.status();
    if ("HEAD".equals(requestMethod) || status < 200 || status == 204 || status == 304) {
      return new NoBody();
    }
    HeaderFields headers = head.headers();
    List<String> codings = headers.values("Transfer-Encoding");
    List<String> lengths = headers.values("Content-Length");
    if (!codings.isEmpty()) {
      if (!lengths.isEmpty()) {
        throw HttpProtocolException.badGateway("daemon sent Transfer-Encoding and Content-Length");
      }
      if (head.version() == HttpVersion.HTTP_1_0) {
        throw HttpProtocolException.badGateway("daemon sent Transfer-Encoding in HTTP/1.0");
      }
      if (codings.size() != 1 || !Syntax.equalsIgnoreCase(codings.get(0), "chunked")) {
        throw HttpProtocolException.badGateway("daemon sent an unsupported Transfer-Encoding");
      }
      return new Chunked();
    }
    if (lengths.isEmpty()) {
      return new UntilClose();
    }
    long length = -1;
    for (String value : lengths) {
      int from = 0;
      while (from <= value.length()) {
        int comma = value.indexOf(',', from);
        int to = comma < 0 ? value.length() : comma;
        long element = Syntax.parseDecimal(Syntax.trimOws(value.substring(from, to)));
        if (element < 0 || (length >= 0 && element != length)) {
          throw HttpProtocolException.badGateway("daemon sent an invalid Content-Length");
        }
        length = element;
        from = to + 1;
      }
    }
    return length == 0 ? new NoBody() : new FixedLength(length);
  }
}
