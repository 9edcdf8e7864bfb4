package io.sockguard.route;

import static io.sockguard.route.EndpointKind.HIJACK;
import static io.sockguard.route.EndpointKind.PLAIN;
import static io.sockguard.route.EndpointKind.STREAMING;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * dockerd's route table (api/server/router/*), matched the way its gorilla/mux router does: exact
 * method, first registered route wins. A placeholder {@code {id}} is one non-empty segment ({@code
 * [^/]+}); {@code {name...}} is dockerd's {@code {name:.*}}, which may span several segments (image
 * and plugin references contain '/'). Immutable; built once.
 */
final class DockerRoutes {

  /**
   * One registered route; {@code label} is the pattern with every placeholder written {@code {id}}.
   */
  record Route(String method, String label, EndpointKind kind, String[] segments, int greedyAt) {

    /**
     * Whether the canonical {@code path}, cut into {@code count} segments where {@code bounds[k]}
     * is the start of segment k and {@code bounds[k + 1] - 1} its end, matches this route.
     */
    boolean matches(String path, int[] bounds, int count) {
      int n = segments.length;
      if (greedyAt < 0 ? count != n : count < n) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        // Segments after the greedy placeholder are matched from the end of the path.
        int seg = greedyAt >= 0 && i > greedyAt ? count - (n - i) : i;
        if (i != greedyAt && !segmentMatches(segments[i], path, bounds[seg], bounds[seg + 1] - 1)) {
          return false;
        }
      }
      return true;
    }

    private static boolean segmentMatches(String token, String path, int from, int to) {
      if (token.equals(ONE)) {
        return to > from;
      }
      return to - from == token.length() && path.startsWith(token, from);
    }
  }

  // No Docker path segment contains '{', so these placeholders cannot collide with a literal.
  private static final String ONE = "{id}";

  private static final String MANY = "{name...}";

  /** Routes grouped by their literal first segment, in registration order. */
  private static final Map<String, Route[]> BY_FIRST_SEGMENT = build();

  /** The route named for the containers stats endpoint, whose kind depends on {@code stream}. */
  static final String CONTAINER_STATS = "/containers/{id}/stats";

  private DockerRoutes() {}

  /** The route dockerd would dispatch to, or {@code null} when none matches (404 or 405 there). */
  static Route find(String method, String path) {
    int count = 1;
    for (int i = 1; i < path.length(); i++) {
      if (path.charAt(i) == '/') {
        count++;
      }
    }
    // bounds[k] is where segment k starts; bounds[count] acts as a '/' one past the end.
    int[] bounds = new int[count + 1];
    bounds[0] = 1;
    int k = 1;
    for (int i = 1; i < path.length(); i++) {
      if (path.charAt(i) == '/') {
        bounds[k++] = i + 1;
      }
    }
    bounds[count] = path.length() + 1;
    Route[] candidates = BY_FIRST_SEGMENT.get(path.substring(1, bounds[1] - 1));
    if (candidates == null) {
      return null;
    }
    for (Route route : candidates) {
      if (route.method().equals(method) && route.matches(path, bounds, count)) {
        return route;
      }
    }
    return null;
  }

  private static Map<String, Route[]> build() {
    List<Route> all = new ArrayList<>();
    // system
    add(all, "GET", "/_ping", PLAIN);
    add(all, "HEAD", "/_ping", PLAIN);
    add(all, "GET", "/events", STREAMING);
    add(all, "GET", "/info", PLAIN);
    add(all, "GET", "/version", PLAIN);
    add(all, "GET", "/system/df", PLAIN);
    add(all, "POST", "/auth", PLAIN);
    // checkpoints (experimental): dockerd registers them before the container routes, or the
    // greedy DELETE /containers/{name:.*} would mask the checkpoint DELETE
    add(all, "GET", "/containers/{name...}/checkpoints", PLAIN);
    add(all, "POST", "/containers/{name...}/checkpoints", PLAIN);
    add(all, "DELETE", "/containers/{id}/checkpoints/{id}", PLAIN);
    // containers
    add(all, "GET", "/containers/json", PLAIN);
    add(all, "GET", "/containers/{name...}/export", STREAMING);
    add(all, "GET", "/containers/{name...}/changes", PLAIN);
    add(all, "GET", "/containers/{name...}/json", PLAIN);
    add(all, "GET", "/containers/{name...}/top", PLAIN);
    add(all, "GET", "/containers/{name...}/logs", STREAMING);
    add(all, "GET", "/containers/{name...}/stats", STREAMING); // PLAIN with stream=0, see Endpoints
    add(all, "GET", "/containers/{name...}/attach/ws", STREAMING);
    add(all, "GET", "/exec/{name...}/json", PLAIN);
    add(all, "GET", "/containers/{name...}/archive", STREAMING);
    add(all, "HEAD", "/containers/{name...}/archive", STREAMING);
    add(all, "POST", "/containers/create", PLAIN);
    for (String action : List.of("kill", "pause", "unpause", "restart", "start", "stop")) {
      add(all, "POST", "/containers/{name...}/" + action, PLAIN);
    }
    add(all, "POST", "/containers/{name...}/wait", STREAMING);
    add(all, "POST", "/containers/{name...}/resize", PLAIN);
    add(all, "POST", "/containers/{name...}/attach", HIJACK);
    add(all, "POST", "/containers/{name...}/exec", PLAIN);
    add(all, "POST", "/exec/{name...}/start", HIJACK);
    add(all, "POST", "/exec/{name...}/resize", PLAIN);
    add(all, "POST", "/containers/{name...}/rename", PLAIN);
    add(all, "POST", "/containers/{name...}/update", PLAIN);
    add(all, "POST", "/containers/prune", PLAIN);
    add(all, "POST", "/commit", PLAIN);
    add(all, "PUT", "/containers/{name...}/archive", STREAMING);
    add(all, "DELETE", "/containers/{name...}", PLAIN);
    // images
    add(all, "GET", "/images/json", PLAIN);
    add(all, "GET", "/images/search", PLAIN);
    add(all, "GET", "/images/get", STREAMING);
    add(all, "GET", "/images/{name...}/get", STREAMING);
    add(all, "GET", "/images/{name...}/history", PLAIN);
    add(all, "GET", "/images/{name...}/json", PLAIN);
    add(all, "POST", "/images/load", STREAMING);
    add(all, "POST", "/images/create", STREAMING);
    add(all, "POST", "/images/{name...}/push", STREAMING);
    add(all, "POST", "/images/{name...}/tag", PLAIN);
    add(all, "POST", "/images/prune", PLAIN);
    add(all, "DELETE", "/images/{name...}", PLAIN);
    add(all, "GET", "/distribution/{name...}/json", PLAIN);
    // build, session, grpc
    add(all, "POST", "/build", STREAMING);
    add(all, "POST", "/build/prune", PLAIN);
    add(all, "POST", "/build/cancel", PLAIN);
    add(all, "POST", "/session", HIJACK);
    add(all, "POST", "/grpc", HIJACK);
    // networks: dockerd registers "/networks/" as a list route of its own
    add(all, "GET", "/networks", PLAIN);
    add(all, "GET", "/networks/", PLAIN);
    add(all, "GET", "/networks/{name...}", PLAIN);
    add(all, "POST", "/networks/create", PLAIN);
    add(all, "POST", "/networks/{name...}/connect", PLAIN);
    add(all, "POST", "/networks/{name...}/disconnect", PLAIN);
    add(all, "POST", "/networks/prune", PLAIN);
    add(all, "DELETE", "/networks/{name...}", PLAIN);
    // volumes
    add(all, "GET", "/volumes", PLAIN);
    add(all, "GET", "/volumes/{name...}", PLAIN);
    add(all, "POST", "/volumes/create", PLAIN);
    add(all, "POST", "/volumes/prune", PLAIN);
    add(all, "PUT", "/volumes/{name...}", PLAIN);
    add(all, "DELETE", "/volumes/{name...}", PLAIN);
    // plugins
    add(all, "GET", "/plugins", PLAIN);
    add(all, "GET", "/plugins/{name...}/json", PLAIN);
    add(all, "GET", "/plugins/privileges", PLAIN);
    add(all, "DELETE", "/plugins/{name...}", PLAIN);
    add(all, "POST", "/plugins/{name...}/enable", PLAIN);
    add(all, "POST", "/plugins/{name...}/disable", PLAIN);
    add(all, "POST", "/plugins/pull", STREAMING);
    add(all, "POST", "/plugins/{name...}/push", STREAMING);
    add(all, "POST", "/plugins/{name...}/upgrade", STREAMING);
    add(all, "POST", "/plugins/{name...}/set", PLAIN);
    add(all, "POST", "/plugins/create", PLAIN);
    // swarm
    add(all, "POST", "/swarm/init", PLAIN);
    add(all, "POST", "/swarm/join", PLAIN);
    add(all, "POST", "/swarm/leave", PLAIN);
    add(all, "GET", "/swarm", PLAIN);
    add(all, "GET", "/swarm/unlockkey", PLAIN);
    add(all, "POST", "/swarm/update", PLAIN);
    add(all, "POST", "/swarm/unlock", PLAIN);
    add(all, "GET", "/services", PLAIN);
    add(all, "GET", "/services/{id}", PLAIN);
    add(all, "POST", "/services/create", PLAIN);
    add(all, "POST", "/services/{id}/update", PLAIN);
    add(all, "DELETE", "/services/{id}", PLAIN);
    add(all, "GET", "/services/{id}/logs", STREAMING); // follow=1 never ends, like container logs
    add(all, "GET", "/nodes", PLAIN);
    add(all, "GET", "/nodes/{id}", PLAIN);
    add(all, "DELETE", "/nodes/{id}", PLAIN);
    add(all, "POST", "/nodes/{id}/update", PLAIN);
    add(all, "GET", "/tasks", PLAIN);
    add(all, "GET", "/tasks/{id}", PLAIN);
    add(all, "GET", "/tasks/{id}/logs", STREAMING);
    for (String kind : List.of("secrets", "configs")) {
      add(all, "GET", "/" + kind, PLAIN);
      add(all, "POST", "/" + kind + "/create", PLAIN);
      add(all, "DELETE", "/" + kind + "/{id}", PLAIN);
      add(all, "GET", "/" + kind + "/{id}", PLAIN);
      add(all, "POST", "/" + kind + "/{id}/update", PLAIN);
    }
    Map<String, List<Route>> grouped = new LinkedHashMap<>();
    for (Route route : all) {
      grouped.computeIfAbsent(route.segments()[0], first -> new ArrayList<>()).add(route);
    }
    Map<String, Route[]> frozen = new LinkedHashMap<>();
    grouped.forEach((first, routes) -> frozen.put(first, routes.toArray(Route[]::new)));
    return Map.copyOf(frozen);
  }

  private static void add(List<Route> all, String method, String pattern, EndpointKind kind) {
    String[] segments = pattern.substring(1).split("/", -1);
    int greedyAt = -1;
    for (int i = 0; i < segments.length; i++) {
      if (segments[i].equals(MANY)) {
        greedyAt = i;
      }
    }
    String label = pattern.replace(MANY, ONE);
    all.add(new Route(method, label, kind, segments, greedyAt));
  }
}
