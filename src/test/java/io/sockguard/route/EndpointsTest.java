package io.sockguard.route;

import static io.sockguard.route.EndpointKind.HIJACK;
import static io.sockguard.route.EndpointKind.PLAIN;
import static io.sockguard.route.EndpointKind.STREAMING;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointsTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        // case, method, target, kind
        Arguments.of("container attach", "POST", "/v1.41/containers/abc/attach?stream=1", HIJACK),
        Arguments.of("exec start", "POST", "/v1.43/exec/0123abcd/start", HIJACK),
        Arguments.of("greedy name like dockerd", "POST", "/containers/a/b/attach", HIJACK),
        Arguments.of("session", "POST", "/session", HIJACK),
        Arguments.of("grpc", "POST", "/v1.41/grpc", HIJACK),
        Arguments.of("attach with GET is not hijack", "GET", "/containers/abc/attach", PLAIN),
        Arguments.of("events", "GET", "/v1.41/events", STREAMING),
        Arguments.of("logs", "GET", "/containers/abc/logs?follow=1", STREAMING),
        Arguments.of("logs without follow", "GET", "/containers/abc/logs", STREAMING),
        Arguments.of("stats", "GET", "/containers/abc/stats", STREAMING),
        Arguments.of("stats stream=1", "GET", "/containers/abc/stats?stream=1", STREAMING),
        Arguments.of("stats stream=0", "GET", "/containers/abc/stats?stream=0", PLAIN),
        Arguments.of("stats stream=false", "GET", "/containers/abc/stats?stream=false", PLAIN),
        Arguments.of("stats stream empty", "GET", "/containers/abc/stats?stream=", PLAIN),
        Arguments.of("stats one-shot", "GET", "/containers/abc/stats?stream=0&one-shot=1", PLAIN),
        Arguments.of("wait", "POST", "/containers/abc/wait?condition=removed", STREAMING),
        Arguments.of("attach websocket", "GET", "/containers/abc/attach/ws", STREAMING),
        Arguments.of("image pull", "POST", "/images/create?fromImage=busybox", STREAMING),
        Arguments.of("image push with slash", "POST", "/images/library/busybox/push", STREAMING),
        Arguments.of("image push with registry", "POST", "/images/ghcr.io/a/b:1/push", STREAMING),
        Arguments.of("build", "POST", "/v1.41/build?t=x", STREAMING),
        Arguments.of("archive get", "GET", "/containers/abc/archive?path=/etc", STREAMING),
        Arguments.of("archive put", "PUT", "/containers/abc/archive?path=/tmp", STREAMING),
        Arguments.of("archive head", "HEAD", "/containers/abc/archive?path=/tmp", STREAMING),
        Arguments.of("export", "GET", "/containers/abc/export", STREAMING),
        Arguments.of("images save", "GET", "/images/get?names=busybox", STREAMING),
        Arguments.of("image save by name", "GET", "/images/library/busybox/get", STREAMING),
        Arguments.of("images load", "POST", "/images/load", STREAMING),
        Arguments.of("plugin pull", "POST", "/plugins/pull?remote=vieux/sshfs", STREAMING),
        Arguments.of("plugin upgrade", "POST", "/plugins/vieux/sshfs:latest/upgrade", STREAMING),
        Arguments.of("plugin push", "POST", "/plugins/vieux/sshfs/push", STREAMING),
        Arguments.of("service logs", "GET", "/services/web/logs?follow=1", STREAMING),
        Arguments.of("task logs", "GET", "/tasks/t1/logs", STREAMING),
        Arguments.of("commit is plain", "POST", "/containers/abc/commit", PLAIN),
        Arguments.of("commit route is plain", "POST", "/commit?container=abc", PLAIN),
        Arguments.of("swarm init is plain", "POST", "/swarm/init", PLAIN),
        Arguments.of("container list", "GET", "/v1.41/containers/json", PLAIN),
        Arguments.of("container inspect", "GET", "/containers/abc/json", PLAIN),
        Arguments.of("ping", "HEAD", "/_ping", PLAIN),
        Arguments.of("events with trailing slash", "GET", "/events/", PLAIN),
        Arguments.of("unknown path", "GET", "/nonsense", PLAIN),
        Arguments.of("lower-case method", "get", "/events", PLAIN));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void classifiesByDockerRoute(String name, String method, String target, EndpointKind kind) {
    assertEquals(kind, Endpoints.classify(method, PathCanonicalizer.canonicalize(target)));
  }
}
