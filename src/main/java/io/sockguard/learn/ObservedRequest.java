package io.sockguard.learn;

import java.util.Objects;

/**
 * One {@code request} event of the access log, reduced to what policy learning needs. Immutable.
 *
 * @param method the request method as received
 * @param path the canonical path the policy judged ({@code normalized_path}), without version prefix
 * @param route the route template ({@code route}), such as {@code /containers/{id}/json}, or {@code /other}
 * @param decision {@code allow}, {@code would_deny}, {@code deny} or {@code error}
 * @param profile the client's profile, {@code default} when the log names none
 */
public record ObservedRequest(String method, String path, String route, String decision, String profile) {
  public ObservedRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(profile, "profile");
  }

  /** Whether the request got through, or would have in a warn/audit run: these are the ones to learn. */
  public boolean wasLetThrough() {
    return decision.equals("allow") || decision.equals("would_deny") || decision.equals("audit");
  }
}
