package io.sockguard.route;

/**
 * The request target cannot be canonicalised without ambiguity, so the request must be refused with
 * 400.
 *
 * <p>The message is safe to send to the client: it names the rule that was broken and never echoes
 * the target. No stack trace is captured, because a client can trigger this at will and the cause
 * is always its input, never our code.
 */
public final class PathRejectedException extends RuntimeException {

  PathRejectedException(String message) {
    super(message, null, false, false);
  }
}
