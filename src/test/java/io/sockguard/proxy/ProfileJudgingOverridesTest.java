package io.sockguard.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.testing.FakeUpstream;
import io.sockguard.testing.RawHttp;
import io.sockguard.testing.RunningProxy;
import org.junit.jupiter.api.Test;

/** A profile's own [request_body] and [response] apply to its callers only; the root ones stay for everyone else. */
class ProfileJudgingOverridesTest {
  private static final String CONFIG =
      """
      [[rules]]
      match = { method = "*", path = "/**" }
      action = "allow"
      [response]
      insecure_allow_read_exfiltration = true
      [request_body]
      insecure_allow_body_blind_writes = true
      [[listeners]]
      address = "127.0.0.1:0"
      profile = "builder"
      [[clients.profiles]]
      name = "builder"
      [[clients.profiles.rules]]
      match = { method = "*", path = "/**" }
      action = "allow"
      [clients.profiles.request_body]
      insecure_allow_body_blind_writes = true
      [clients.profiles.request_body.container_create]
      allow_privileged = true
      [clients.profiles.response]
      redact_container_env = false
      visible_resource_labels = ["team=a"]
      """;

  private static final String INSPECT =
      "{\"Id\":\"c1\",\"Config\":{\"Env\":[\"TOKEN=s3cret\"],\"Labels\":{\"team\":\"a\"}}}";

  private static String create(int port) {
    String body = "{\"Image\":\"busybox\",\"HostConfig\":{\"Privileged\":true}}";
    return RawHttp.exchange(
            "127.0.0.1",
            port,
            "POST /containers/create HTTP/1.1\r\nHost: d\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length()
                + "\r\nConnection: close\r\n\r\n"
                + body)
        .text();
  }

  private static String inspect(int port) {
    return RawHttp.exchange(
            "127.0.0.1", port, "GET /containers/c1/json HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n")
        .text();
  }

  @Test
  void profileOverridesBodyRailsAndRedactionForItsCallersOnly() throws Exception {
    try (FakeUpstream daemon =
            FakeUpstream.start(
                exchange ->
                    exchange.respondJson(
                        exchange.request().method().equals("POST") ? 201 : 200,
                        exchange.request().method().equals("POST") ? "{\"Id\":\"c1\"}" : INSPECT));
        RunningProxy proxy = RunningProxy.start(CONFIG, daemon.socketPath())) {
      int rootPort = proxy.port();
      int builderPort = proxy.sockguard().tcpAddress("listeners[0]").orElseThrow().getPort();

      String refused = create(rootPort);
      assertTrue(refused.startsWith("HTTP/1.1 403"), refused);
      assertTrue(create(builderPort).startsWith("HTTP/1.1 201"), "the builder profile may run privileged");

      String rootView = inspect(rootPort);
      assertTrue(rootView.contains("TOKEN=<redacted>"), rootView);
      String builderView = inspect(builderPort);
      assertTrue(builderView.contains("TOKEN=s3cret"), builderView);
      long posts = daemon.requests().stream().filter(r -> r.method().equals("POST")).count();
      assertEquals(1, posts, "the refused create never reached the daemon");
      assertFalse(proxy.logLines().isEmpty());
    }
  }
}
