package io.sockguard.proxy;

import io.sockguard.policy.Decision;
import io.sockguard.policy.ReasonCode;

/** Every way a request can be refused or fail before its response head reaches the client. */
public sealed interface Failure {

  /** Malformed or unacceptable HTTP (400, 431, 501, 505), or a path sockguard refuses to canonicalise. */
  record BadRequest(int status, String message) implements Failure {}

  /**
   * The caller is not admitted ({@code clients.allowed_cidrs}, or a certificate the listener does not accept);
   * answered before anything else is looked at.
   */
  record ClientNotAllowed(String message) implements Failure {}

  /**
   * The profile's throttle refused: {@code 429} with {@code Retry-After}. Nothing is held.
   *
   * @param reason {@code RATE_LIMIT_EXCEEDED}, {@code PRIORITY_FLOOR} or {@code CONCURRENCY_CAP}
   */
  record Throttled(ReasonCode reason, long retryAfterSeconds, String profile) implements Failure {}

  /** The policy said no. */
  record Denied(Decision.Deny decision) implements Failure {}

  /** The request body broke a rail of {@code [request_body]} (403), or was too large to inspect (413). */
  record BodyDenied(io.sockguard.inspect.Verdict.Deny verdict) implements Failure {}

  /** A body sockguard will not inspect: encoded, or form-encoded (which dockerd would merge into the query). */
  record BodyRefused(int status, String message) implements Failure {}

  /** The daemon's answer had to be rewritten by {@code [response]} but could not be read. */
  record ResponseRejected(String detail) implements Failure {}

  /** The request names a resource hidden by {@code response.visible_resource_labels}: it does not exist for them. */
  record NotVisible(String kind, String name) implements Failure {}

  /** An {@code Upgrade} on a route that does not hijack. */
  record UpgradeRefused(String method, String path) implements Failure {}

  /** The daemon's socket could not be dialled, or the daemon closed before answering. */
  record UpstreamUnreachable(String detail) implements Failure {}

  /** A finite request got no response head within {@code upstream.request_timeout}. */
  record UpstreamTimeout(java.time.Duration limit) implements Failure {}

  /** A bug or an unexpected condition; the connection is closed. */
  record Internal(String detail) implements Failure {}
}
