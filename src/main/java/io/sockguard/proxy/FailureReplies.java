package io.sockguard.proxy;

import io.sockguard.observe.Escaping;
import io.sockguard.policy.ReasonCode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The one mapping from a {@link Failure} to what the client sees: status, Docker's error body
 * {@code {"message": ...}} (which the docker CLI prints), the reason code for logs and metrics, and whether the
 * connection must close because the request's body was not read.
 */
final class FailureReplies {
  private FailureReplies() {}

  /**
   * The reply for {@code failure}.
   *
   * @param retryAfterSeconds for a 429: the {@code Retry-After} value, also in the body as {@code retry_after_seconds};
   *     0 otherwise
   */
  record Reply(int status, String message, ReasonCode reasonCode, String decision, long retryAfterSeconds) {
    Reply(int status, String message, ReasonCode reasonCode, String decision) {
      this(status, message, reasonCode, decision, 0);
    }
  }

  static Reply of(Failure failure) {
    return switch (failure) {
      case Failure.BadRequest f -> new Reply(f.status(), "sockguard: " + f.message(), ReasonCode.BAD_REQUEST, "error");
      case Failure.ClientNotAllowed f -> new Reply(403, f.message(), ReasonCode.CLIENT_NOT_ALLOWED, "deny");
      case Failure.Denied f ->
          new Reply(403, f.decision().message(), f.decision().reasonCode(), "deny");
      case Failure.BodyDenied f ->
          new Reply(
              f.verdict().reasonCode() == ReasonCode.REQUEST_BODY_TOO_LARGE ? 413 : 403,
              bodyMessage(f.verdict()),
              f.verdict().reasonCode(),
              "deny");
      case Failure.BodyRefused f ->
          new Reply(f.status(), "sockguard: " + f.message(), ReasonCode.REQUEST_BODY_POLICY_DENIED, "deny");
      case Failure.ResponseRejected f ->
          new Reply(
              502,
              "sockguard: the daemon's answer could not be checked: " + f.detail(),
              ReasonCode.UPSTREAM_RESPONSE_REJECTED_BY_POLICY,
              "error");
      case Failure.NotVisible f ->
          new Reply(404, "No such " + f.kind() + ": " + f.name(), ReasonCode.RESOURCE_NOT_VISIBLE, "deny");
      case Failure.UpgradeRefused f ->
          new Reply(
              403,
              "sockguard: " + f.method() + " " + f.path() + " may not upgrade the connection",
              ReasonCode.UPGRADE_NOT_ALLOWED,
              "deny");
      case Failure.UpstreamUnreachable f ->
          new Reply(
              502,
              "sockguard: cannot reach the Docker daemon: " + f.detail(),
              ReasonCode.UPSTREAM_SOCKET_UNREACHABLE,
              "error");
      case Failure.UpstreamTimeout f ->
          new Reply(
              504,
              "sockguard: the Docker daemon did not answer within " + f.limit().toMillis() + "ms",
              ReasonCode.UPSTREAM_TIMEOUT,
              "error");
      case Failure.Throttled f ->
          new Reply(
              429,
              "sockguard: " + throttleMessage(f) + "; retry after " + f.retryAfterSeconds() + "s",
              f.reason(),
              "deny",
              f.retryAfterSeconds());
      case Failure.Internal f ->
          new Reply(500, "sockguard: internal error", ReasonCode.INTERNAL_ERROR, "error");
    };
  }

  /**
   * The reply as the client sees it: with {@code verbose} false, denials say only that the policy refused and why in
   * one word, not which rule or field (operators who do not want to teach probing clients the policy).
   */
  static Reply forClient(Reply reply, boolean verbose) {
    // a hidden resource must look absent, exactly as the daemon would say it
    if (verbose || !reply.decision().equals("deny") || reply.reasonCode() == ReasonCode.RESOURCE_NOT_VISIBLE) {
      return reply;
    }
    return new Reply(
        reply.status(),
        "sockguard: request denied by policy (" + reply.reasonCode().wire() + ")",
        reply.reasonCode(),
        reply.decision(),
        reply.retryAfterSeconds());
  }

  private static String throttleMessage(Failure.Throttled f) {
    return switch (f.reason()) {
      case RATE_LIMIT_EXCEEDED -> "rate limit of profile " + f.profile() + " exceeded";
      case CONCURRENCY_CAP -> "profile " + f.profile() + " has too many requests in flight";
      case PRIORITY_FLOOR -> "too many requests in flight for the priority of profile " + f.profile();
      default -> "request throttled";
    };
  }

  /** Writes {@code reply} as a complete HTTP/1.1 response and flushes. */
  static void write(OutputStream out, Reply reply, boolean close) throws IOException {
    write(out, reply, close, true);
  }

  /**
   * Writes {@code reply}; {@code withBody} false for an answer to {@code HEAD}, which carries the body's length but
   * never the body (RFC 9110 section 9.3.2): a client would otherwise read the body as a stray next response.
   */
  static void write(OutputStream out, Reply reply, boolean close, boolean withBody) throws IOException {
    boolean retry = reply.retryAfterSeconds() > 0;
    String json =
        "{\"message\":"
            + Escaping.jsonString(reply.message())
            + (retry
                ? ",\"reason\":\"" + reply.reasonCode().wire() + "\",\"retry_after_seconds\":" + reply.retryAfterSeconds()
                : "")
            + "}\n";
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + reply.status()
            + " "
            + reasonPhrase(reply.status())
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + body.length
            + (retry ? "\r\nRetry-After: " + reply.retryAfterSeconds() : "")
            + (close ? "\r\nConnection: close" : "")
            + "\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    if (withBody) {
      out.write(body);
    }
    out.flush();
  }

  private static String bodyMessage(io.sockguard.inspect.Verdict.Deny verdict) {
    String message = verdict.message().startsWith("sockguard: ") ? verdict.message().substring(11) : verdict.message();
    return "sockguard: request body "
        + (verdict.field().isEmpty() ? "" : "field " + verdict.field() + " ")
        + "denied: "
        + message;
  }

  static String reasonPhrase(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      case 505 -> "HTTP Version Not Supported";
      default -> "Error";
    };
  }
}
