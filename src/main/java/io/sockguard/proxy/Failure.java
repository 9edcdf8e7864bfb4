package io.sockguard.proxy;

import io.sockguard.policy.Decision;

/** Every way a request can be refused or fail before its response head reaches the client. */
public sealed interface Failure {

  /** Malformed or unacceptable HTTP (400, 431, 501, 505), or a path sockguard refuses to canonicalise. */
  record BadRequest(int status, String message) implements Failure {}

  /**
   * The caller is not admitted ({@code clients.allowed_cidrs}, or a certificate the listener does not accept);
   * answered before anything else is looked at.
   */
  record ClientNotAllowed(String message) implements Failure {}

  /** The policy said no. */
  record Denied(Decision.Deny decision) implements Failure {}

  /** An {@code Upgrade} on a route that does not hijack. */
  record UpgradeRefused(String method, String path) implements Failure {}

  /** The daemon's socket could not be dialled, or the daemon closed before answering. */
  record UpstreamUnreachable(String detail) implements Failure {}

  /** A finite request got no response head within {@code upstream.request_timeout}. */
  record UpstreamTimeout(java.time.Duration limit) implements Failure {}

  /** A bug or an unexpected condition; the connection is closed. */
  record Internal(String detail) implements Failure {}
}
