package io.sockguard.compat;

/**
 * One API section of Tecnativa's docker-socket-proxy: the environment variable that opens it, the first path segment
 * it covers and whether its image turns it on by default. In Tecnativa's HAProxy file the sections are tested in this
 * (alphabetical) order; since all of them only allow, the order changes nothing but the listing.
 */
enum Section {
  AUTH("/auth", false),
  BUILD("/build", false),
  COMMIT("/commit", false),
  CONFIGS("/configs", false),
  CONTAINERS("/containers", false),
  DISTRIBUTION("/distribution", false),
  EVENTS("/events", true),
  EXEC("/exec", false),
  GRPC("/grpc", false),
  IMAGES("/images", false),
  INFO("/info", false),
  NETWORKS("/networks", false),
  NODES("/nodes", false),
  PING("/_ping", true),
  PLUGINS("/plugins", false),
  SECRETS("/secrets", false),
  SERVICES("/services", false),
  SESSION("/session", false),
  SWARM("/swarm", false),
  SYSTEM("/system", false),
  TASKS("/tasks", false),
  VERSION("/version", true),
  VOLUMES("/volumes", false);

  final String root;
  final boolean defaultOn;

  Section(String root, boolean defaultOn) {
    this.root = root;
    this.defaultOn = defaultOn;
  }

  /** The variable's name, which is the constant's name. */
  String variable() {
    return name();
  }
}
