package io.sockguard.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.testing.FakeUpstream;
import io.sockguard.testing.RawConnection;
import io.sockguard.testing.RawHttp;
import io.sockguard.testing.RecordedRequest;
import io.sockguard.testing.RunningProxy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Raw requests that try to slip past the policy. Each is refused or canonicalised, and the counting fake daemon proves
 * what reached it: a refused request never does, an allowed one arrives with exactly the path that was checked.
 */
class PathEvasionAndSmugglingTest {
  private static final String RULES =
      """
      [[rules]]
      match = { method = "GET", path = "/_ping" }
      action = "allow"
      [[rules]]
      match = { method = "GET", path = "/containers/json" }
      action = "allow"
      [[rules]]
      match = { method = "GET", path = "/containers/*/json" }
      action = "allow"
      [[rules]]
      match = { method = "POST", path = "/containers/*/start" }
      action = "allow"
      [[rules]]
      match = { method = "GET", path = "/containers/*/attach/ws", upgrade = true }
      action = "allow"
      [[rules]]
      match = { method = "*", path = "/**" }
      action = "deny"
      reason = "test policy"
      [response]
      # the websocket attach rule exposes a container's output
      insecure_allow_read_exfiltration = true
      """;

  private static FakeUpstream daemon;
  private static RunningProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    // lists answer arrays, inspects objects: the shapes response redaction expects from a real daemon
    daemon =
        FakeUpstream.start(
            exchange ->
                exchange.respondJson(200, exchange.request().path().endsWith("/containers/json") ? "[]" : "{}"));
    proxy = RunningProxy.start(RULES, daemon.socketPath());
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    daemon.close();
  }

  private int seenBefore;

  @BeforeEach
  void countBefore() {
    seenBefore = daemon.requests().size();
  }

  private List<RecordedRequest> newlySeen() {
    List<RecordedRequest> all = daemon.requests();
    return all.subList(seenBefore, all.size());
  }

  private RawHttp.Response send(String request) {
    return RawHttp.exchange("127.0.0.1", proxy.port(), request);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          double slashes                | //containers//json                | /containers/json
          dot segment                   | /./containers/json                | /containers/json
          dot-dot from a sibling        | /images/../containers/json        | /containers/json
          dot-dot above root            | /../../containers/json            | /containers/json
          encoded letters               | /%63ontainers/json                | /containers/json
          versioned                     | /v1.41/containers/json            | /v1.41/containers/json
          version with trailing dot     | /v1.41./containers/json           | /v1.41./containers/json
          zero-padded version           | /v01.41/containers/json           | /v01.41/containers/json
          encoded percent stays literal | /containers/%252e%252e/json       | /containers/%252e%252e/json
          query kept as sent            | /containers/json?all=1&x=%2F      | /containers/json?all=1&x=%2F
          """)
  void forwardsExactlyTheCanonicalPathThatWasChecked(String name, String target, String forwarded) {
    RawHttp.Response response = send("GET " + target + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n");
    assertEquals(200, response.status(), name);
    List<RecordedRequest> seen = newlySeen();
    assertEquals(1, seen.size(), name);
    assertEquals(forwarded, seen.get(0).target(), name);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          encoded dot-dot into a denied route | GET /containers/%2e%2e/images/json HTTP/1.1                   | 403
          encoded slash                       | GET /containers%2Fjson HTTP/1.1                               | 400
          encoded slash lowercase             | GET /containers%2fjson HTTP/1.1                               | 400
          encoded NUL                         | GET /containers/json%00 HTTP/1.1                              | 400
          bad escape                          | GET /containers/%zzjson HTTP/1.1                              | 400
          trailing slash                      | GET /containers/json/ HTTP/1.1                                | 403
          lowercase method                    | get /containers/json HTTP/1.1                                 | 403
          absolute form                       | GET http://docker/containers/json HTTP/1.1                    | 400
          asterisk form                       | OPTIONS * HTTP/1.1                                            | 400
          second version prefix               | GET /v1.41/v1.40/containers/json HTTP/1.1                     | 403
          fragment                            | GET /containers/json#x HTTP/1.1                               | 400
          HTTP/2.0 version                    | GET /containers/json HTTP/2.0                                 | 505
          """)
  void refusesEvasiveRequestLinesWithoutForwarding(String name, String requestLine, int status) {
    RawHttp.Response response = send(requestLine + "\r\nHost: docker\r\nConnection: close\r\n\r\n");
    assertEquals(status, response.status(), name);
    assertTrue(response.body().contains("\"message\""), name + ": Docker-style error body");
    assertEquals(List.of(), newlySeen(), name);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          content-length with transfer-encoding | Content-Length: 4\\r\\nTransfer-Encoding: chunked                 | 400
          chunked with content-length zero      | Transfer-Encoding: chunked\\r\\nContent-Length: 0                 | 400
          two content-lengths                   | Content-Length: 4\\r\\nContent-Length: 4                           | 400
          content-length list                   | Content-Length: 4, 4                                               | 400
          transfer coding other than chunked    | Transfer-Encoding: gzip, chunked                                   | 501
          obs-fold continuation                 | X-A: b\\r\\n c                                                      | 400
          space before colon                    | Content-Length : 4                                                 | 400
          """)
  void refusesAmbiguousFramingWithoutForwarding(String name, String headers, int status) {
    String request =
        "POST /containers/abc/start HTTP/1.1\r\nHost: docker\r\n"
            + headers.replace("\\r\\n", "\r\n")
            + "\r\n\r\n0\r\n\r\n";
    RawHttp.Response response = send(request);
    assertEquals(status, response.status(), name);
    assertEquals(List.of(), newlySeen(), name);
  }

  @Test
  void refusesOversizedHeadWith431() {
    String big = "X-Big: " + "a".repeat(70 * 1024) + "\r\n";
    RawHttp.Response response = send("GET /_ping HTTP/1.1\r\nHost: docker\r\n" + big + "\r\n");
    assertEquals(431, response.status());
    assertEquals(List.of(), newlySeen());
  }

  @Test
  void pipelinedDeniedRequestIsJudgedOnItsOwn() {
    RawHttp.Response response =
        send(
            "GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n"
                + "POST /containers/create HTTP/1.1\r\nHost: docker\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    String text = response.text();
    assertTrue(text.startsWith("HTTP/1.1 200"), text);
    assertTrue(text.contains("HTTP/1.1 403"), text);
    List<RecordedRequest> seen = newlySeen();
    assertEquals(1, seen.size());
    assertEquals("/_ping", seen.get(0).target());
  }

  @Test
  void refusesUpgradeOnRouteThatDoesNotHijack() {
    RawHttp.Response response =
        send("GET /containers/json HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nConnection: close\r\n\r\n");
    assertEquals(403, response.status());
    assertTrue(response.body().contains("may not upgrade"), response.body());
    assertEquals(List.of(), newlySeen());
  }

  @Test
  void relaysUpgradeOnlyWhereAnAllowRuleNamesIt() throws Exception {
    try (FakeUpstream upgrading =
            FakeUpstream.start(
                exchange -> {
                  exchange
                      .output()
                      .write(
                          "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"
                              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                  exchange.output().flush();
                  exchange.input().transferTo(exchange.output());
                  exchange.closeAfterward();
                });
        RunningProxy ws = RunningProxy.start(RULES, upgrading.socketPath());
        RawConnection client = RawConnection.tcp("127.0.0.1", ws.port())) {
      client.write(
          "GET /containers/abc/attach/ws?stream=1 HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\n"
              + "Upgrade: websocket\r\n\r\n");
      String head = client.readHead(Duration.ofSeconds(5));
      assertTrue(head.startsWith("HTTP/1.1 101"), head);
      client.write("echoed bytes");
      client.readUntil("echoed bytes", Duration.ofSeconds(5));
      RecordedRequest forwarded = upgrading.requests().get(0);
      assertEquals("websocket", forwarded.header("Upgrade").orElse(""), "the upgrade reaches the daemon");
    }
  }

  @Test
  void answersContinueOnlyAfterPolicyAllows() throws Exception {
    try (RawConnection denied = RawConnection.tcp("127.0.0.1", proxy.port())) {
      denied.write(
          "POST /containers/create HTTP/1.1\r\nHost: docker\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
      String head = denied.readHead(Duration.ofSeconds(5));
      assertTrue(head.startsWith("HTTP/1.1 403"), head);
    }
    try (RawConnection allowed = RawConnection.tcp("127.0.0.1", proxy.port())) {
      allowed.write(
          "POST /containers/abc/start HTTP/1.1\r\nHost: docker\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
      String interim = allowed.readHead(Duration.ofSeconds(5));
      assertTrue(interim.startsWith("HTTP/1.1 100"), interim);
      allowed.write("{}");
      String head = allowed.readHead(Duration.ofSeconds(5));
      assertTrue(head.startsWith("HTTP/1.1 200"), head);
    }
    List<RecordedRequest> seen = newlySeen();
    assertEquals(1, seen.size());
    assertEquals("{}", seen.get(0).bodyText());
    assertFalse(seen.get(0).header("Expect").isPresent(), "Expect is answered by sockguard, not forwarded");
  }

  @Test
  void rechunksChunkedBodiesInsteadOfForwardingClientFraming() {
    RawHttp.Response response =
        send(
            "POST /containers/abc/start HTTP/1.1\r\nHost: docker\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "2;ext=1\r\n{}\r\n0\r\nX-Trailer: t\r\n\r\n");
    assertEquals(200, response.status());
    List<RecordedRequest> seen = newlySeen();
    assertEquals(1, seen.size());
    assertEquals("{}", seen.get(0).bodyText());
    assertFalse(seen.get(0).head().contains("ext=1"), "chunk extensions are not forwarded");
    assertFalse(seen.get(0).head().contains("X-Trailer"), "trailers are not forwarded");
  }

  @Test
  void deniedRequestAnswersDockerStyleJsonWithReason() {
    RawHttp.Response response =
        send("DELETE /containers/abc HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n");
    assertEquals(403, response.status());
    assertTrue(response.text().contains("Content-Type: application/json"), response.text());
    assertTrue(response.body().contains("\"message\":\"sockguard: DELETE /containers/abc is denied by rule 5: test policy\""),
        response.body());
    assertTrue(
        proxy.logLines().stream()
            .anyMatch(l -> l.contains("\"reason_code\":\"matched_deny_rule\"") && l.contains("\"rule\":5")),
        "access log names the reason code and rule");
  }
}
