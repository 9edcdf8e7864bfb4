package io.sockguard.compat;

import java.util.Map;

/**
 * What an open section exposes that an operator enabling it for one harmless call may not have meant: reads that
 * carry data out (read exfiltration) and writes whose effect no path rule can bound (blind writes). Text only; used
 * for the warnings of {@code sockguard validate}.
 */
final class Surfaces {
  private Surfaces() {}

  /** Sections whose GET endpoints return more than metadata. */
  static final Map<Section, String> READ_EXFILTRATION =
      Map.of(
          Section.CONTAINERS,
          "GET /containers/{id}/archive and /containers/{id}/export copy container filesystems out,"
              + " GET /containers/{id}/logs returns application output, and GET /containers/{id}/json returns"
              + " environment variables, which often hold passwords and tokens",
          Section.IMAGES,
          "GET /images/get and /images/{name}/get export whole images, including anything baked into their layers",
          Section.CONFIGS,
          "GET /configs/{id} returns the content of swarm configs",
          Section.SERVICES,
          "GET /services/{id} returns service environment variables and GET /services/{id}/logs service output",
          Section.TASKS,
          "GET /tasks/{id} returns task specs with their environment and GET /tasks/{id}/logs task output");

  /** Sections where POST can change the host in ways no path rule can bound. */
  static final Map<Section, String> BLIND_WRITE =
      Map.ofEntries(
          Map.entry(
              Section.CONTAINERS,
              "POST /containers/create can start a privileged container or bind-mount the host's / (root on the"
                  + " host), and POST /containers/{id}/exec runs commands in any container"),
          Map.entry(
              Section.IMAGES,
              "POST /images/create and /images/load put arbitrary images on the host, and"
                  + " POST /images/{name}/push sends local images to any registry"),
          Map.entry(Section.BUILD, "POST /build runs arbitrary Dockerfile RUN steps on the daemon's host"),
          Map.entry(Section.COMMIT, "POST /commit turns a container's filesystem, secrets included, into an image"),
          Map.entry(Section.EXEC, "POST /exec/{id}/start runs commands inside containers"),
          Map.entry(
              Section.PLUGINS,
              "POST /plugins/pull installs plugins, which run with whatever privileges they request"),
          Map.entry(Section.SWARM, "POST /swarm/init, /swarm/join and /swarm/leave change the host's cluster membership"),
          Map.entry(Section.SERVICES, "POST /services/create runs any container anywhere in the swarm"),
          Map.entry(Section.NODES, "POST /nodes/{id}/update promotes, demotes or drains nodes"),
          Map.entry(
              Section.VOLUMES,
              "POST /volumes/create with local driver options can bind any host directory into a volume"),
          Map.entry(
              Section.SESSION,
              "POST /session hijacks the connection into a BuildKit stream no rule can look into"),
          Map.entry(
              Section.GRPC, "POST /grpc hijacks the connection into a BuildKit stream no rule can look into"));
}
