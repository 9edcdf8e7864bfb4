package io.sockguard.identify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sockguard.config.CertificateSelectorConfig;
import io.sockguard.config.Cidr;
import io.sockguard.config.ClientsConfig;
import io.sockguard.config.ConfigLoader;
import io.sockguard.config.ListenerConfig;
import io.sockguard.config.TlsConfig;
import io.sockguard.testing.TestPki;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Admission, then the profile: pinned, certificate, unix peer, source IP, default_profile, root, in that order. */
class IdentifierTest {
  @TempDir static Path temp;
  private static X509Certificate updater;
  private static X509Certificate dashboard;
  private static TlsConfig serverTls;

  private static final ListenerConfig TCP = new ListenerConfig("listen.address", "127.0.0.1:0", "", 0600, "", null, "");
  private static final ListenerConfig UNIX = new ListenerConfig("listen.socket", "", "/run/s.sock", 0660, "", null, "");
  private static final ListenerConfig PINNED_UNIX =
      new ListenerConfig("listeners[0]", "", "/run/ro.sock", 0600, "", null, "readonly");

  @BeforeAll
  static void issue() throws Exception {
    TestPki pki = TestPki.create(temp, "ca");
    updater = read(pki.issue("updater", "updater", "URI:spiffe://example.org/updater").cert());
    dashboard = read(pki.issue("dashboard", "dashboard").cert());
    TestPki.Issued server = pki.issue("server", "sockguard", "IP:127.0.0.1");
    serverTls =
        ConfigLoader.parse(
                "[listen.tls]\ncert_file = \"" + server.cert() + "\"\nkey_file = \"" + server.key()
                    + "\"\nclient_ca_file = \"" + pki.caCert() + "\"\n",
                "t.toml",
                Map.of())
            .listen()
            .tls();
  }

  private static X509Certificate read(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static ClientsConfig clients(String defaultProfile) {
    CertificateSelectorConfig spiffe =
        new CertificateSelectorConfig(
            List.of(), List.of(), List.of(), List.of(), List.of(), List.of("spiffe://example.org/updater"));
    return new ClientsConfig(
        List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("10.0.0.0/8")),
        List.of(new ClientsConfig.CertificateProfile("updater", spiffe)),
        List.of(
            new ClientsConfig.UnixPeerProfile("readonly", List.of(65534L), List.of(), List.of()),
            new ClientsConfig.UnixPeerProfile("admin", List.of(0L), List.of(0L), List.of())),
        List.of(new ClientsConfig.SourceIpProfile("lan", List.of(Cidr.parse("10.1.0.0/16")))),
        defaultProfile,
        0,
        List.of());
  }

  private static ListenerConfig tls(CertificateSelectorConfig accept) {
    TlsConfig tls =
        new TlsConfig(serverTls.certFile(), serverTls.keyFile(), serverTls.clientCaFile(), accept, serverTls.material());
    return new ListenerConfig("listeners[1]", "0.0.0.0:2376", "", 0600, "", tls, "");
  }

  static Stream<Arguments> cases() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    InetAddress lan = InetAddress.getByName("10.1.2.3");
    InetAddress elsewhere = InetAddress.getByName("192.168.1.5");
    CertificateSelectorConfig onlyDashboard =
        new CertificateSelectorConfig(List.of("dashboard"), List.of(), List.of(), List.of(), List.of(), List.of());
    return Stream.of(
        row("tcp caller from outside allowed_cidrs is refused", TCP, "",
            new ClientIdentity.TcpPeer(elsewhere, 4000), "refused: sockguard: client 192.168.1.5 is not in clients.allowed_cidrs"),
        row("tcp caller in a source ip profile", TCP, "", new ClientIdentity.TcpPeer(lan, 4000), "lan"),
        row("tcp caller matching nothing gets default_profile", TCP, "fallback",
            new ClientIdentity.TcpPeer(loopback, 4000), "fallback"),
        row("without default_profile the root policy", TCP, "", new ClientIdentity.TcpPeer(loopback, 4000), "default"),
        row("unix peers are not subject to allowed_cidrs", UNIX, "", new ClientIdentity.UnixPeer(65534, 65534, 9), "readonly"),
        row("unix peer fields are ANDed", UNIX, "", new ClientIdentity.UnixPeer(0, 5, 9), "default"),
        row("unix peer matching all fields", UNIX, "", new ClientIdentity.UnixPeer(0, 0, 9), "admin"),
        row("unknown credentials match no listed value", UNIX, "", new ClientIdentity.UnixPeer(-1, -1, -1), "default"),
        row("a pinned listener ignores selectors", PINNED_UNIX, "", new ClientIdentity.UnixPeer(0, 0, 1), "readonly"),
        row("certificate profile comes before source ip", tls(CertificateSelectorConfig.ANY), "",
            new ClientIdentity.TlsPeer(lan, 4000, updater), "updater"),
        row("tls caller without a certificate profile falls to source ip", tls(CertificateSelectorConfig.ANY), "",
            new ClientIdentity.TlsPeer(lan, 4000, dashboard), "lan"),
        row("listener selectors refuse other certificates", tls(onlyDashboard), "",
            new ClientIdentity.TlsPeer(loopback, 4000, updater),
            "refused: sockguard: this listener does not accept the client certificate CN=updater"),
        row("listener selectors admit their certificates", tls(onlyDashboard), "",
            new ClientIdentity.TlsPeer(loopback, 4000, dashboard), "default"),
        row("allowed_cidrs applies to tls callers too", tls(onlyDashboard), "",
            new ClientIdentity.TlsPeer(elsewhere, 4000, dashboard),
            "refused: sockguard: client 192.168.1.5 is not in clients.allowed_cidrs"));
  }

  private static Arguments row(String name, ListenerConfig listener, String defaultProfile, ClientIdentity who, String expected) {
    return Arguments.of(name, listener, defaultProfile, who, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void identifiesOncePerConnection(
      String name, ListenerConfig listener, String defaultProfile, ClientIdentity who, String expected) {
    Caller caller = Identifier.forListener(clients(defaultProfile), listener).identify(who);

    String got =
        switch (caller) {
          case Caller.Admitted admitted -> admitted.profile();
          case Caller.Refused refused -> "refused: " + refused.message();
        };
    assertEquals(expected, got);
  }
}
