package io.sockguard.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.testing.FakeUpstream;
import io.sockguard.testing.Poll;
import io.sockguard.testing.RawConnection;
import io.sockguard.testing.RawHttp;
import io.sockguard.testing.RunningProxy;
import io.sockguard.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who is calling decides which policy judges the request: admission, profiles, rollout modes, listeners and mTLS. */
class ProfilesThroughProxyTest {
  private static final String ACKS =
      """
      [response]
      insecure_allow_read_exfiltration = true
      [request_body]
      insecure_allow_body_blind_writes = true
      """;
  private static final String ROOT_ALLOWS_ALL =
      """
      [[rules]]
      match = { method = "*", path = "/**" }
      action = "allow"
      """;

  @TempDir static Path pkiDir;
  @TempDir Path temp;
  private static TestPki.Issued server;
  private static TestPki.Issued dashboard;
  private static TestPki.Issued updater;
  private static TestPki.Issued stranger;
  private static Path clientCa;
  private static Path serverCa;
  private FakeUpstream daemon;

  @BeforeAll
  static void issue() {
    TestPki serverPki = TestPki.create(pkiDir, "server-ca");
    TestPki clientPki = TestPki.create(pkiDir, "client-ca");
    server = serverPki.issue("server", "sockguard", "IP:127.0.0.1");
    dashboard = clientPki.issue("dashboard", "dashboard");
    updater = clientPki.issue("updater", "updater", "URI:spiffe://example.org/updater");
    stranger = clientPki.issue("stranger", "stranger");
    clientCa = clientPki.caCert();
    serverCa = serverPki.caCert();
  }

  @BeforeEach
  void startDaemon() throws IOException {
    daemon = FakeUpstream.start(FakeUpstream.Handler.json(200, "{}"));
  }

  @AfterEach
  void stopDaemon() throws IOException {
    daemon.close();
  }

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n";
  }

  private static String profile(String name, String mode, String... allowedGets) {
    StringBuilder toml =
        new StringBuilder("[[clients.profiles]]\nname = \"" + name + "\"\nmode = \"" + mode + "\"\n");
    for (String path : allowedGets) {
      toml.append("[[clients.profiles.rules]]\nmatch = { method = \"GET\", path = \"")
          .append(path)
          .append("\" }\naction = \"allow\"\n");
    }
    return toml.toString();
  }

  private static String lineWith(RunningProxy proxy, String... fragments) {
    Poll.until(
        Duration.ofSeconds(5),
        "a log line with " + List.of(fragments),
        () -> proxy.logLines().stream().anyMatch(l -> List.of(fragments).stream().allMatch(l::contains)));
    return proxy.logLines().stream().filter(l -> List.of(fragments).stream().allMatch(l::contains)).findFirst().orElseThrow();
  }

  @Test
  void warnModeForwardsAWouldBeDenialAndLogsItAtWarn() {
    String toml = ROOT_ALLOWS_ALL + ACKS + "[clients]\ndefault_profile = \"rollout\"\n" + profile("rollout", "warn", "/_ping");
    try (RunningProxy proxy = RunningProxy.start(toml, daemon.socketPath())) {
      RawHttp.Response response = RawHttp.exchange("127.0.0.1", proxy.port(), get("/info"));

      assertEquals(200, response.status(), "warn mode lets it through");
      assertEquals(1, daemon.requests().size());
      String line = lineWith(proxy, "\"path\":\"/info\"");
      assertTrue(line.contains("\"level\":\"WARN\""), line);
      assertTrue(line.contains("\"decision\":\"would_deny\""), line);
      assertTrue(line.contains("\"reason_code\":\"no_matching_allow_rule\""), line);
      assertTrue(line.contains("\"profile\":\"rollout\""), line);
      assertTrue(line.contains("\"mode\":\"warn\""), line);
    }
  }

  @Test
  void auditModeLogsAWouldBeDenialAtInfo() {
    String toml = ROOT_ALLOWS_ALL + ACKS + "[clients]\ndefault_profile = \"rollout\"\n" + profile("rollout", "audit", "/_ping");
    try (RunningProxy proxy = RunningProxy.start(toml, daemon.socketPath())) {
      assertEquals(200, RawHttp.exchange("127.0.0.1", proxy.port(), get("/info")).status());

      String line = lineWith(proxy, "\"path\":\"/info\"");
      assertTrue(line.contains("\"level\":\"INFO\""), line);
      assertTrue(line.contains("\"decision\":\"would_deny\""), line);
      assertTrue(line.contains("\"mode\":\"audit\""), line);
    }
  }

  @Test
  void enforcedProfileDeniesWhatTheRootWouldAllow() {
    String toml = ROOT_ALLOWS_ALL + ACKS + "[clients]\ndefault_profile = \"readonly\"\n" + profile("readonly", "enforce", "/_ping");
    try (RunningProxy proxy = RunningProxy.start(toml, daemon.socketPath())) {
      assertEquals(200, RawHttp.exchange("127.0.0.1", proxy.port(), get("/_ping")).status());
      RawHttp.Response denied = RawHttp.exchange("127.0.0.1", proxy.port(), get("/info"));

      assertEquals(403, denied.status());
      assertEquals(1, daemon.requests().size());
      String line = lineWith(proxy, "\"path\":\"/info\"");
      assertTrue(line.contains("\"decision\":\"deny\"") && line.contains("\"profile\":\"readonly\""), line);
    }
  }

  @Test
  void refusesCallersOutsideAllowedCidrsBeforeAnythingElse() throws IOException {
    String toml = ROOT_ALLOWS_ALL + ACKS + "[clients]\nallowed_cidrs = [\"10.0.0.0/8\"]\n";
    try (RunningProxy proxy = RunningProxy.start(toml, daemon.socketPath());
        RawConnection client = RawConnection.tcp("127.0.0.1", proxy.port())) {
      client.write("GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n");
      byte[] answer = client.readUntilClosed(Duration.ofSeconds(5));
      String text = new String(answer, US_ASCII);

      assertTrue(text.startsWith("HTTP/1.1 403 "), text);
      assertTrue(text.contains("client 127.0.0.1 is not in clients.allowed_cidrs"), text);
      assertTrue(text.contains("Connection: close"), text);
      assertTrue(client.isClosedByPeer());
      assertEquals(0, daemon.requests().size(), "nothing reached the daemon");
      String line = lineWith(proxy, "\"reason_code\":\"client_not_allowed\"");
      assertTrue(line.contains("\"profile\":\"none\"") && line.contains("\"decision\":\"deny\""), line);
    }
  }

  @Test
  void unixPeerCredentialsSelectTheProfile() throws Exception {
    Path socket = temp.resolve("sg.sock");
    long uid = (Integer) java.nio.file.Files.getAttribute(temp, "unix:uid");
    String toml =
        ROOT_ALLOWS_ALL + ACKS
            + "[listen]\naddress = \"127.0.0.1:0\"\nsocket = \"" + socket + "\"\n"
            + "[[clients.unix_peer_profiles]]\nprofile = \"local\"\nuids = [" + uid + "]\n"
            + profile("local", "enforce", "/_ping");
    try (RunningProxy proxy = RunningProxy.start(toml, daemon.socketPath())) {
      assertEquals(200, RawHttp.exchange(socket, get("/_ping")).status());
      assertEquals(403, RawHttp.exchange(socket, get("/info")).status(), "the local profile only allows /_ping");
      assertEquals(200, RawHttp.exchange("127.0.0.1", proxy.port(), get("/info")).status(), "TCP keeps the root policy");

      assertTrue(lineWith(proxy, "\"path\":\"/_ping\"").contains("\"profile\":\"local\""));
      assertTrue(lineWith(proxy, "\"path\":\"/info\"", "\"status\":200").contains("\"profile\":\"default\""));
    }
  }

  @Test
  void aPinnedListenerGivesEveryCallerItsProfile() {
    String toml =
        ROOT_ALLOWS_ALL + ACKS + "[[listeners]]\naddress = \"127.0.0.1:0\"\nprofile = \"readonly\"\n"
            + profile("readonly", "enforce", "/_ping");
    try (RunningProxy proxy = RunningProxy.start(toml, daemon.socketPath())) {
      int pinnedPort = proxy.sockguard().tcpAddress("listeners[0]").orElseThrow().getPort();

      assertEquals(403, RawHttp.exchange("127.0.0.1", pinnedPort, get("/info")).status());
      assertEquals(200, RawHttp.exchange("127.0.0.1", proxy.port(), get("/info")).status());
    }
  }

  private String tlsConfig(String selectors) {
    return ROOT_ALLOWS_ALL + ACKS
        + "[[listeners]]\naddress = \"127.0.0.1:0\"\n"
        + "[listeners.tls]\ncert_file = \"" + server.cert() + "\"\nkey_file = \"" + server.key()
        + "\"\nclient_ca_file = \"" + clientCa + "\"\n" + selectors
        + "[[clients.client_certificate_profiles]]\nprofile = \"updater\"\nspiffe_ids = [\"spiffe://example.org/updater\"]\n"
        + profile("updater", "enforce", "/_ping");
  }

  private static SSLSocket tls(TestPki.Issued client, InetSocketAddress address) throws IOException {
    SSLSocket socket =
        (SSLSocket)
            TestPki.clientContext(client, serverCa)
                .getSocketFactory()
                .createSocket(address.getAddress(), address.getPort());
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static String exchange(SSLSocket socket, String request) throws IOException {
    socket.getOutputStream().write(request.getBytes(US_ASCII));
    socket.getOutputStream().flush();
    return new String(socket.getInputStream().readAllBytes(), US_ASCII);
  }

  @Test
  void certificateProfilesAndListenerSelectorsOverMutualTls() throws IOException {
    String toml = tlsConfig("common_names = [\"dashboard\", \"updater\"]\n");
    try (RunningProxy proxy = RunningProxy.start(toml, daemon.socketPath())) {
      InetSocketAddress address = proxy.sockguard().tcpAddress("listeners[0]").orElseThrow();

      try (SSLSocket socket = tls(updater, address)) {
        assertTrue(exchange(socket, get("/info")).startsWith("HTTP/1.1 403"), "updater profile: only /_ping");
      }
      try (SSLSocket socket = tls(dashboard, address)) {
        assertTrue(exchange(socket, get("/info")).startsWith("HTTP/1.1 200"), "no certificate profile: root policy");
      }
      try (SSLSocket socket = tls(stranger, address)) {
        String answer = exchange(socket, get("/_ping"));
        assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        assertTrue(answer.contains("this listener does not accept the client certificate CN=stranger"), answer);
      }
      assertEquals(1, daemon.requests().size());
      assertTrue(lineWith(proxy, "\"profile\":\"updater\"").contains("cn=updater"));
      assertTrue(lineWith(proxy, "\"reason_code\":\"client_not_allowed\"").contains("cn=stranger"));
    }
  }

  @Test
  void hijackedStreamHalfClosesOverTls() throws Exception {
    daemon.close();
    daemon =
        FakeUpstream.start(
            exchange -> {
              OutputStream out = exchange.output();
              out.write("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n".getBytes(US_ASCII));
              out.flush();
              byte[] stdin = exchange.input().readAllBytes();
              out.write(("echo:" + new String(stdin, US_ASCII)).getBytes(US_ASCII));
              out.flush();
              exchange.closeAfterward();
            });
    try (RunningProxy proxy = RunningProxy.start(tlsConfig(""), daemon.socketPath())) {
      InetSocketAddress address = proxy.sockguard().tcpAddress("listeners[0]").orElseThrow();
      try (SSLSocket socket = tls(dashboard, address)) {
        OutputStream out = socket.getOutputStream();
        out.write(
            ("POST /v1.41/exec/abc/start HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n"
                    + "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 2\r\n\r\n{}")
                .getBytes(US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        out.write("stdin-data".getBytes(US_ASCII));
        out.flush();
        socket.shutdownOutput();

        assertEquals("echo:stdin-data", new String(in.readAllBytes(), US_ASCII));
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }
}
