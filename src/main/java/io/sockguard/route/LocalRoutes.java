package io.sockguard.route;

import io.sockguard.http.RequestHead;

/**
 * Endpoints sockguard answers itself on the data plane (health, readiness, metrics). They are never forwarded to
 * Docker and are not subject to Docker API rules. Implementations must be thread-safe.
 */
public interface LocalRoutes {
  /** The answer for {@code head}, or null when the path is not a local endpoint. */
  LocalResponse answer(RequestHead head, CanonicalPath path);

  LocalRoutes NONE = (head, path) -> null;

  /** A complete local answer. */
  record LocalResponse(int status, String contentType, byte[] body) {}
}
