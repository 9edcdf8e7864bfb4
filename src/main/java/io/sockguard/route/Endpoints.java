package io.sockguard.route;

/**
 * Classifies an exchange by the dockerd route it reaches, so the proxy knows whether a request
 * timeout may apply and whether the connection will be taken over. Stateless and thread-safe.
 */
public final class Endpoints {

  private Endpoints() {}

  /**
   * {@link EndpointKind#HIJACK} for dockerd's upgrade routes ({@code POST /containers/{id}/attach},
   * {@code POST /exec/{id}/start}, {@code POST /session}, {@code POST /grpc}); {@link
   * EndpointKind#STREAMING} for routes that may run unbounded (events, logs, stats unless {@code
   * stream} is false, wait, archive, export, image pull/push/load/save, build, plugin
   * pull/push/upgrade, service and task logs, the attach websocket); {@link EndpointKind#PLAIN} for
   * everything else, including paths dockerd does not route.
   *
   * @param method the request method, case-sensitive as in HTTP
   */
  public static EndpointKind classify(String method, CanonicalPath p) {
    DockerRoutes.Route route = DockerRoutes.find(method, p.path());
    if (route == null) {
      return EndpointKind.PLAIN;
    }
    // dockerd reads stats' "stream" with BoolValueOrDefault(r, "stream", true): only a present,
    // false-ish value turns the stream into one bounded sample.
    if (route.label().equals(DockerRoutes.CONTAINER_STATS)
        && p.hasQueryParam("stream")
        && !p.queryFlag("stream")) {
      return EndpointKind.PLAIN;
    }
    return route.kind();
  }
}
