package io.sockguard.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RouteTemplateTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        // case, method, target, label
        Arguments.of("ping", "GET", "/_ping", "/_ping"),
        Arguments.of("ping head", "HEAD", "/v1.41/_ping", "/_ping"),
        Arguments.of("version", "GET", "/version", "/version"),
        Arguments.of("info", "GET", "/v1.41/info", "/info"),
        Arguments.of("events", "GET", "/events?since=1", "/events"),
        Arguments.of("system df", "GET", "/system/df", "/system/df"),
        Arguments.of("auth", "POST", "/auth", "/auth"),
        Arguments.of("container list", "GET", "/v1.41/containers/json?all=1", "/containers/json"),
        Arguments.of("container create", "POST", "/containers/create?name=x", "/containers/create"),
        Arguments.of("container prune", "POST", "/containers/prune", "/containers/prune"),
        Arguments.of(
            "container inspect", "GET", "/containers/4fa6e0f0c678/json", "/containers/{id}/json"),
        Arguments.of("container logs", "GET", "/containers/web/logs", "/containers/{id}/logs"),
        Arguments.of("container start", "POST", "/containers/web/start", "/containers/{id}/start"),
        Arguments.of("container delete", "DELETE", "/containers/web?force=1", "/containers/{id}"),
        Arguments.of(
            "container archive", "PUT", "/containers/web/archive", "/containers/{id}/archive"),
        Arguments.of(
            "attach websocket", "GET", "/containers/w/attach/ws", "/containers/{id}/attach/ws"),
        Arguments.of(
            "checkpoint delete",
            "DELETE",
            "/containers/w/checkpoints/c1",
            "/containers/{id}/checkpoints/{id}"),
        Arguments.of("exec create", "POST", "/containers/web/exec", "/containers/{id}/exec"),
        Arguments.of("exec start", "POST", "/exec/9f3e/start", "/exec/{id}/start"),
        Arguments.of("exec inspect", "GET", "/exec/9f3e/json", "/exec/{id}/json"),
        Arguments.of("commit", "POST", "/commit?container=web", "/commit"),
        Arguments.of("image list", "GET", "/images/json", "/images/json"),
        Arguments.of("image pull", "POST", "/images/create?fromImage=x", "/images/create"),
        Arguments.of("image search", "GET", "/images/search?term=x", "/images/search"),
        Arguments.of("image load", "POST", "/images/load", "/images/load"),
        Arguments.of("image save", "GET", "/images/get?names=a", "/images/get"),
        Arguments.of("image prune", "POST", "/images/prune", "/images/prune"),
        Arguments.of(
            "image inspect with slash and tag",
            "GET",
            "/v1.41/images/linuxserver/qbittorrent:latest/json",
            "/images/{id}/json"),
        Arguments.of(
            "image inspect by digest", "GET", "/images/sha256:abc/json", "/images/{id}/json"),
        Arguments.of("image history", "GET", "/images/a/b/history", "/images/{id}/history"),
        Arguments.of("image tag", "POST", "/images/busybox/tag?repo=x", "/images/{id}/tag"),
        Arguments.of("image push", "POST", "/images/ghcr.io/a/b/push", "/images/{id}/push"),
        Arguments.of("image delete", "DELETE", "/images/busybox", "/images/{id}"),
        Arguments.of(
            "image delete with slash", "DELETE", "/images/library/busybox:1", "/images/{id}"),
        Arguments.of("image named json deleted", "DELETE", "/images/json", "/images/{id}"),
        Arguments.of(
            "distribution",
            "GET",
            "/distribution/docker.io/library/x/json",
            "/distribution/{id}/json"),
        Arguments.of("build", "POST", "/build", "/build"),
        Arguments.of("build prune", "POST", "/build/prune", "/build/prune"),
        Arguments.of("session", "POST", "/session", "/session"),
        Arguments.of("grpc", "POST", "/grpc", "/grpc"),
        Arguments.of("network list", "GET", "/networks", "/networks"),
        Arguments.of("network create", "POST", "/networks/create", "/networks/create"),
        Arguments.of("network prune", "POST", "/networks/prune", "/networks/prune"),
        Arguments.of("network inspect", "GET", "/networks/bridge", "/networks/{id}"),
        Arguments.of("network connect", "POST", "/networks/n1/connect", "/networks/{id}/connect"),
        Arguments.of("volume list", "GET", "/volumes", "/volumes"),
        Arguments.of("volume create", "POST", "/volumes/create", "/volumes/create"),
        Arguments.of("volume prune", "POST", "/volumes/prune", "/volumes/prune"),
        Arguments.of("volume inspect", "GET", "/volumes/data", "/volumes/{id}"),
        Arguments.of("volume delete", "DELETE", "/volumes/data", "/volumes/{id}"),
        Arguments.of("plugin list", "GET", "/plugins", "/plugins"),
        Arguments.of("plugin pull", "POST", "/plugins/pull", "/plugins/pull"),
        Arguments.of("plugin privileges", "GET", "/plugins/privileges", "/plugins/privileges"),
        Arguments.of("plugin create", "POST", "/plugins/create", "/plugins/create"),
        Arguments.of(
            "plugin inspect", "GET", "/plugins/vieux/sshfs:latest/json", "/plugins/{id}/json"),
        Arguments.of(
            "plugin enable", "POST", "/plugins/vieux/sshfs/enable", "/plugins/{id}/enable"),
        Arguments.of("plugin delete", "DELETE", "/plugins/vieux/sshfs", "/plugins/{id}"),
        Arguments.of("swarm inspect", "GET", "/swarm", "/swarm"),
        Arguments.of("swarm init", "POST", "/swarm/init", "/swarm/init"),
        Arguments.of("swarm join", "POST", "/swarm/join", "/swarm/join"),
        Arguments.of("swarm leave", "POST", "/swarm/leave", "/swarm/leave"),
        Arguments.of("swarm update", "POST", "/swarm/update", "/swarm/update"),
        Arguments.of("swarm unlock key", "GET", "/swarm/unlockkey", "/swarm/unlockkey"),
        Arguments.of("swarm unlock", "POST", "/swarm/unlock", "/swarm/unlock"),
        Arguments.of("service list", "GET", "/services", "/services"),
        Arguments.of("service create", "POST", "/services/create", "/services/create"),
        Arguments.of("service inspect", "GET", "/services/web", "/services/{id}"),
        Arguments.of("service update", "POST", "/services/web/update", "/services/{id}/update"),
        Arguments.of("service logs", "GET", "/services/web/logs", "/services/{id}/logs"),
        Arguments.of("node list", "GET", "/nodes", "/nodes"),
        Arguments.of("node inspect", "GET", "/nodes/n1", "/nodes/{id}"),
        Arguments.of("task list", "GET", "/tasks", "/tasks"),
        Arguments.of("task inspect", "GET", "/tasks/t1", "/tasks/{id}"),
        Arguments.of("secret list", "GET", "/secrets", "/secrets"),
        Arguments.of("secret create", "POST", "/secrets/create", "/secrets/create"),
        Arguments.of("secret delete", "DELETE", "/secrets/s1", "/secrets/{id}"),
        Arguments.of("config list", "GET", "/configs", "/configs"),
        Arguments.of("config create", "POST", "/configs/create", "/configs/create"),
        Arguments.of("config update", "POST", "/configs/c1/update", "/configs/{id}/update"),
        Arguments.of("unknown top level", "GET", "/secret-sauce", "/other"),
        Arguments.of("unknown sub-resource", "GET", "/containers/web/secret-sauce", "/other"),
        Arguments.of("wrong method", "POST", "/containers/json", "/other"),
        Arguments.of("head is not get", "HEAD", "/containers/json", "/other"),
        Arguments.of("trailing slash", "GET", "/containers/json/", "/other"),
        Arguments.of("service id with slash", "GET", "/services/a/b", "/other"),
        Arguments.of("root", "GET", "/", "/other"),
        Arguments.of("nested version", "GET", "/v1.41/v1.40/info", "/other"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void labelsRequestWithDockerRoute(String name, String method, String target, String label) {
    assertEquals(label, RouteTemplate.of(method, PathCanonicalizer.canonicalize(target)));
  }

  @Test
  void neverLetsAnIdIntoTheLabel() {
    Random random = new Random(7L);
    List<String> methods = List.of("GET", "POST", "PUT", "DELETE", "HEAD");
    List<String> shapes =
        List.of(
            "/%s",
            "/containers/%s",
            "/containers/%s/json",
            "/images/%s/x/%s/json",
            "/plugins/%s/%s",
            "/%s/json",
            "/networks/%s/%s",
            "/volumes/%s",
            "/exec/%s/start");
    for (int run = 0; run < 2_000; run++) {
      byte[] raw = new byte[6];
      random.nextBytes(raw);
      String id = HexFormat.of().formatHex(raw);
      String shape = shapes.get(random.nextInt(shapes.size()));
      String target = shape.replace("%s", id);
      String method = methods.get(random.nextInt(methods.size()));

      String label = RouteTemplate.of(method, PathCanonicalizer.canonicalize(target));

      assertFalse(label.contains(id), method + " " + target + " -> " + label);
    }
  }
}
