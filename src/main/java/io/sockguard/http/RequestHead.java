package io.sockguard.http;

import java.util.Objects;

/**
 * A request line and its header fields, as parsed by {@link HeadReader} or built for the daemon.
 *
 * <p>The constructor refuses a method that is not a token and a target holding anything but visible
 * ASCII, so a head can always be written without splitting the request line. Immutable and
 * thread-safe.
 *
 * @param method case-sensitive method token, kept as received (RFC 9110 §9.1)
 * @param target request target; {@link HeadReader} only produces origin-form ({@code /path?query})
 * @param version protocol version of the request
 * @param headers header fields in received order
 */
public record RequestHead(String method, String target, HttpVersion version, HeaderFields headers) {

  public RequestHead {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(headers, "headers");
    if (!Syntax.isToken(method)) {
      throw new IllegalArgumentException("method is not a token");
    }
    if (target.isEmpty()) {
      throw new IllegalArgumentException("empty request target");
    }
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= 0x20 || c >= 0x7F) {
        throw new IllegalArgumentException(
            "request target holds a character outside visible ASCII");
      }
    }
  }

  /** A copy with other header fields. */
  public RequestHead withHeaders(HeaderFields newHeaders) {
    return new RequestHead(method, target, version, newHeaders);
  }

  /** A copy with another target, e.g. the canonical path. */
  public RequestHead withTarget(String newTarget) {
    return new RequestHead(method, newTarget, version, headers);
  }
}
