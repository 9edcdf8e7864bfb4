package io.sockguard.http;

import java.util.Objects;

/**
 * A status line and its header fields. Immutable and thread-safe.
 *
 * @param version protocol version of the response
 * @param status three-digit status code, 100 to 999 (Go's net/http, dockerd's server, allows up to
 *     999)
 * @param reason reason phrase, possibly empty; never interpreted (RFC 9112 §4)
 * @param headers header fields in received order
 */
public record ResponseHead(HttpVersion version, int status, String reason, HeaderFields headers) {

  public ResponseHead {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(headers, "headers");
    if (status < 100 || status > 999) {
      throw new IllegalArgumentException("status outside 100..999: " + status);
    }
    if (!Syntax.isFieldValue(reason)) {
      throw new IllegalArgumentException("reason phrase holds a forbidden character");
    }
  }

  /** A copy with other header fields. */
  public ResponseHead withHeaders(HeaderFields newHeaders) {
    return new ResponseHead(version, status, reason, newHeaders);
  }
}
