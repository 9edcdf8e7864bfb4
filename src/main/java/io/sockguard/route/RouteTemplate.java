package io.sockguard.route;

/**
 * A bounded-cardinality route label for metrics and logs. Stateless and thread-safe.
 *
 * <p>The label is the dockerd route the request reaches, with every ID or name written {@code {id}}
 * ({@code GET /v1.41/images/linuxserver/qbittorrent:latest/json} gives {@code /images/{id}/json},
 * {@code DELETE /images/busybox} gives {@code /images/{id}}); static routes keep their path ({@code
 * /containers/json}). A request dockerd would not route (wrong method, unknown path, a trailing
 * slash dockerd does not route) gives {@link #OTHER}. Every label comes from a fixed table, so no
 * client-supplied text can appear.
 */
public final class RouteTemplate {

  /** The label for everything that matches no dockerd route. */
  public static final String OTHER = "/other";

  private RouteTemplate() {}

  /** The route label; never {@code null}, version prefix and query never included. */
  public static String of(String method, CanonicalPath p) {
    DockerRoutes.Route route = DockerRoutes.find(method, p.path());
    return route == null ? OTHER : route.label();
  }
}
