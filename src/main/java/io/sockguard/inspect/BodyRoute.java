package io.sockguard.inspect;

import io.sockguard.route.CanonicalPath;

/** The writes whose body or query the inspector judges, recognised from method and canonical path. */
enum BodyRoute {
  CONTAINER_CREATE,
  CONTAINER_UPDATE,
  CONTAINER_START,
  EXEC_CREATE,
  IMAGE_CREATE,
  BUILD,
  VOLUME_CREATE,
  SERVICE_CREATE,
  SERVICE_UPDATE,
  /** Plugin install/upgrade/create/set and swarm init/join: bodies sockguard cannot judge. */
  BLIND_WRITE;

  /** Whether the body itself is judged; for the others only the query and Content-Type are, and it may stream. */
  boolean readsBody() {
    return switch (this) {
      case IMAGE_CREATE, BUILD, BLIND_WRITE -> false;
      default -> true;
    };
  }

  /** The route, or null when nothing about this request's body is inspected. */
  static BodyRoute of(String method, CanonicalPath path) {
    if (!method.equals("POST")) {
      return null; // dockerd routes every one of these as POST only
    }
    String p = path.path();
    // A trailing slash is not a route of its own to dockerd, but if some version matched it we must have judged it.
    if (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    String[] s = p.substring(1).split("/", -1);
    return switch (s.length) {
      case 1 -> s[0].equals("build") ? BUILD : null;
      case 2 -> two(s[0], s[1]);
      case 3 -> three(s[0], s[1], s[2]);
      default -> null;
    };
  }

  private static BodyRoute two(String a, String b) {
    return switch (a + "/" + b) {
      case "containers/create" -> CONTAINER_CREATE;
      case "images/create" -> IMAGE_CREATE;
      case "volumes/create" -> VOLUME_CREATE;
      case "services/create" -> SERVICE_CREATE;
      case "plugins/pull", "plugins/create", "swarm/init", "swarm/join" -> BLIND_WRITE;
      default -> null;
    };
  }

  private static BodyRoute three(String a, String id, String action) {
    if (id.isEmpty()) {
      return null;
    }
    return switch (a + "/*/" + action) {
      case "containers/*/update" -> CONTAINER_UPDATE;
      case "containers/*/start" -> CONTAINER_START;
      case "containers/*/exec" -> EXEC_CREATE;
      case "services/*/update" -> SERVICE_UPDATE;
      case "plugins/*/upgrade", "plugins/*/set" -> BLIND_WRITE;
      default -> null;
    };
  }
}
