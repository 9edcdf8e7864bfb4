package io.sockguard.http;

/**
 * A peer broke HTTP/1.1 framing or syntax. Carries the status to answer with and a message that is
 * safe to send back to the client (it never echoes received bytes).
 *
 * <p>Statuses: 400 malformed request, 431 head or header count over {@link HttpLimits}, 501
 * unsupported transfer coding, 505 unsupported HTTP version, 502 malformed response from the
 * daemon. The stream's position is unknown afterwards, so the connection must be closed.
 *
 * <p>Carries no stack trace: it is an expected, peer-triggered outcome and filling traces would let
 * a client burn CPU.
 */
public final class HttpProtocolException extends RuntimeException {

  private final int status;

  public HttpProtocolException(int status, String message) {
    super(message, null, false, false);
    if (status != 400 && status != 431 && status != 501 && status != 502 && status != 505) {
      throw new IllegalArgumentException("not a protocol error status: " + status);
    }
    this.status = status;
  }

  /** The status to answer with: 400, 431, 501, 502 or 505. */
  public int status() {
    return status;
  }

  static HttpProtocolException badRequest(String message) {
    return new HttpProtocolException(400, message);
  }

  static HttpProtocolException badGateway(String message) {
    return new HttpProtocolException(502, message);
  }
}
