package io.sockguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code [listen.tls]}, {@code [[listeners]]} and {@code [clients]}: what is read, and every problem with its key. */
class ClientsConfigTest {
  @TempDir static Path temp;
  private static TestPki.Issued server;
  private static TestPki.Issued other;
  private static Path clientCa;

  @BeforeAll
  static void issue() {
    TestPki pki = TestPki.create(temp, "ca");
    server = pki.issue("server", "sockguard", "IP:127.0.0.1");
    other = pki.issue("other", "other");
    clientCa = pki.caCert();
  }

  private static String tls(String table, Path cert, Path key, Path ca) {
    return "[" + table + "]\ncert_file = \"" + cert + "\"\nkey_file = \"" + key + "\"\nclient_ca_file = \"" + ca + "\"\n";
  }

  private static Config parse(String toml) throws ConfigException {
    return ConfigLoader.parse(toml, "t.toml", Map.of());
  }

  @Test
  void readsListenersClientsProfilesAndLimits() throws ConfigException {
    String toml =
        """
        [listen]
        address = "0.0.0.0:2376"
        socket = "/run/sg/docker.sock"
        socket_mode = "0660"
        socket_group = "docker-clients"
        """
            + tls("listen.tls", server.cert(), server.key(), clientCa)
            + """
            common_names = ["dashboard", "admin-ui"]
            public_key_sha256_pins = ["sZPA5x8nNLiz8NGQkZ0UKEQ5eBvd/FM6KTxL3xtjD1M="]

            [[listeners]]
            socket = "/run/sg/ro.sock"
            profile = "readonly"

            [clients]
            allowed_cidrs = ["10.0.0.0/8", "127.0.0.1"]
            default_profile = "readonly"
            global_concurrency = { max_inflight = 64 }

            [[clients.client_certificate_profiles]]
            profile = "updater"
            spiffe_ids = ["spiffe://example.org/updater"]

            [[clients.unix_peer_profiles]]
            profile = "readonly"
            uids = [65534]
            gids = [65534, 1000]

            [[clients.source_ip_profiles]]
            profile = "updater"
            cidrs = ["10.1.0.0/16"]

            [[clients.profiles]]
            name = "readonly"
            [[clients.profiles.rules]]
            match = { method = "GET", path = "/**" }
            action = "allow"

            [[clients.profiles]]
            name = "updater"
            mode = "warn"
            [[clients.profiles.rules]]
            match = { method = "POST", path = "/images/create" }
            action = "allow"
            [clients.profiles.limits]
            priority = "low"
            rate = { tokens_per_second = 2.5, endpoint_costs = [{ path = "/images/create", methods = ["POST"], cost = 3 }] }
            concurrency = { max_inflight = 4 }
            """;

    Config config = parse(toml);

    ListenConfig listen = config.listen();
    assertEquals("docker-clients", listen.socketGroup());
    assertEquals(List.of("dashboard", "admin-ui"), listen.tls().accept().commonNames());
    assertEquals(
        List.of("b193c0e71f2734b8b3f0d190919d14284439781bddfc533a293c4bdf1b630f53"),
        listen.tls().accept().publicKeySha256Pins(),
        "base64 pins are kept as hex");
    assertEquals("sockguard", listen.tls().material().certificateChain().get(0).getSubjectX500Principal().getName().substring(3));
    assertEquals(
        List.of("listen.address", "listen.socket", "listeners[0]"),
        config.allListeners().stream().map(ListenerConfig::name).toList());
    assertEquals(
        new ListenerConfig("listeners[0]", "", "/run/sg/ro.sock", 0600, "", null, "readonly"),
        config.listeners().get(0));
    ClientsConfig clients = config.clients();
    assertEquals(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("127.0.0.1/32")), clients.allowedCidrs());
    assertEquals("readonly", clients.defaultProfile());
    assertEquals(64, clients.globalMaxInflight());
    assertEquals(List.of("spiffe://example.org/updater"), clients.certificateProfiles().get(0).selector().spiffeIds());
    assertEquals(
        new ClientsConfig.UnixPeerProfile("readonly", List.of(65534L), List.of(65534L, 1000L), List.of()),
        clients.unixPeerProfiles().get(0));
    assertEquals(List.of(Cidr.parse("10.1.0.0/16")), clients.sourceIpProfiles().get(0).cidrs());
    ProfileConfig updater = clients.profiles().get(1);
    assertEquals("warn", updater.mode());
    assertEquals("enforce", clients.profiles().get(0).mode());
    assertEquals("/images/create", updater.rules().get(0).path());
    assertEquals(
        new LimitsConfig(
            new LimitsConfig.Rate(2.5, 3, List.of(new LimitsConfig.EndpointCost("/images/create", List.of("POST"), 3))),
            4,
            "low"),
        updater.limits());
    assertEquals(LimitsConfig.NONE, clients.profiles().get(0).limits());
  }

  @Test
  void withoutClientsEveryoneGetsTheRootPolicyAndNoTls() throws ConfigException {
    Config config = parse("");

    assertEquals(ClientsConfig.NONE, config.clients());
    assertNull(config.listen().tls());
    assertEquals(List.of(), config.listeners());
  }

  @Test
  void tlsMakesANonLoopbackAddressAcceptable() throws ConfigException {
    String toml = "[listen]\naddress = \"0.0.0.0:2376\"\n" + tls("listen.tls", server.cert(), server.key(), clientCa);

    assertEquals("0.0.0.0:2376", parse(toml).listen().address());
  }

  static Stream<Arguments> problems() {
    String profiles =
        """
        [[clients.profiles]]
        name = "readonly"
        """;
    return Stream.of(
        row("unknown profile in default_profile", "[clients]\ndefault_profile = \"readonyl\"\n" + profiles,
            "clients.default_profile", "no profile named \"readonyl\"; did you mean \"readonly\"?"),
        row("unknown profile in a selector",
            "[listen]\nsocket = \"/run/s.sock\"\n[[clients.unix_peer_profiles]]\nprofile = \"admin\"\nuids = [0]\n",
            "clients.unix_peer_profiles[0].profile", "no profile named \"admin\""),
        row("unknown profile pinned by a listener", "[[listeners]]\nsocket = \"/run/ro.sock\"\nprofile = \"ro\"\n",
            "listeners[0].profile", "no profile named \"ro\""),
        row("the root profile's name is reserved", "[[clients.profiles]]\nname = \"default\"\n",
            "clients.profiles[0].name", "\"default\" is the name of the root [[rules]] policy"),
        row("duplicate profile", profiles + profiles, "clients.profiles[1].name", "already defined"),
        row("certificate profiles without a tls listener",
            profiles + "[[clients.client_certificate_profiles]]\nprofile = \"readonly\"\ncommon_names = [\"x\"]\n",
            "clients.client_certificate_profiles", "can never apply: no TLS listener"),
        row("unix peer profiles without a socket",
            profiles + "[[clients.unix_peer_profiles]]\nprofile = \"readonly\"\nuids = [0]\n",
            "clients.unix_peer_profiles", "can never apply: no unix socket listener"),
        row("unix peer profiles where every socket is pinned",
            profiles + "[[listeners]]\nsocket = \"/run/ro.sock\"\nprofile = \"readonly\"\n"
                + "[[clients.unix_peer_profiles]]\nprofile = \"readonly\"\nuids = [0]\n",
            "clients.unix_peer_profiles", "can never apply"),
        row("source ip profiles without tcp", "[listen]\naddress = \"\"\nsocket = \"/run/s.sock\"\n" + profiles
                + "[[clients.source_ip_profiles]]\nprofile = \"readonly\"\ncidrs = [\"10.0.0.0/8\"]\n",
            "clients.source_ip_profiles", "can never apply: no TCP listener"),
        row("allowed_cidrs without tcp", "[listen]\naddress = \"\"\nsocket = \"/run/s.sock\"\n[clients]\nallowed_cidrs = [\"10.0.0.0/8\"]\n",
            "clients.allowed_cidrs", "can never apply: there is no TCP listener"),
        row("a selector without condition", profiles + "[listen]\nsocket = \"/run/s.sock\"\n[[clients.unix_peer_profiles]]\nprofile = \"readonly\"\n",
            "clients.unix_peer_profiles[0].profile", "would match every local caller"),
        row("shared socket without unix peer profiles", "[listen]\nsocket = \"/run/s.sock\"\nsocket_mode = \"0660\"\n",
            "listen.socket_mode", "\"0660\" lets other users connect; a shared socket needs [[clients.unix_peer_profiles]]"),
        row("shared socket pinned to one profile", profiles + "[[listeners]]\nsocket = \"/run/ro.sock\"\nsocket_mode = \"0666\"\nprofile = \"readonly\"\n",
            "listeners[0].socket_mode", "pins profile \"readonly\", so every one of them would get it"),
        row("group-readable socket is not shared", "[listen]\nsocket = \"/run/s.sock\"\nsocket_mode = \"0640\"\nsocket_group = \"bad group\"\n",
            "listen.socket_group", "expected a group name or numeric gid"),
        row("listener with address and socket", "[[listeners]]\naddress = \"127.0.0.1:0\"\nsocket = \"/run/x.sock\"\n",
            "listeners[0].socket", "set exactly one of address and socket"),
        row("listener with neither", "[[listeners]]\nprofile = \"default\"\n", "listeners[0].address",
            "set exactly one of address and socket"),
        row("plain non-loopback extra listener", "[[listeners]]\naddress = \"0.0.0.0:2377\"\n", "listeners[0].address",
            "is not a loopback address"),
        row("tls on a unix socket", "[[listeners]]\nsocket = \"/run/x.sock\"\n[listeners.tls]\ncert_file = \"/a\"\n",
            "listeners[0].tls", "TLS applies to TCP listeners only"),
        row("same socket twice", "[listen]\nsocket = \"/run/x.sock\"\n[[listeners]]\nsocket = \"/run/x.sock\"\n",
            "listeners[0].socket", "already used by another listener"),
        row("unknown key in a listener", "[[listeners]]\nsocket = \"/run/x.sock\"\nmode = \"0600\"\n", "listeners[0].mode",
            "allowed in a [[listeners]] entry: address, socket"),
        row("bad cidr", "[clients]\nallowed_cidrs = [\"10.1.2.3/8\"]\n", "clients.allowed_cidrs[0]",
            "did you mean 10.0.0.0/8?"),
        row("bad profile name", "[[clients.profiles]]\nname = \"Read Only\"\n", "clients.profiles[0].name",
            "lower-case letters"),
        row("bad mode", "[[clients.profiles]]\nname = \"p\"\nmode = \"dry-run\"\n", "clients.profiles[0].mode",
            "expected enforce, warn or audit"),
        row("bad rule in a profile", "[[clients.profiles]]\nname = \"p\"\n[[clients.profiles.rules]]\nmatch = { method = \"GET\", path = \"/v1.41/x\" }\naction = \"allow\"\n",
            "clients.profiles[0].rules[0].match.path", "without the API version prefix"),
        row("burst below the rate", "[[clients.profiles]]\nname = \"p\"\n[clients.profiles.limits.rate]\ntokens_per_second = 10\nburst = 5\n",
            "clients.profiles[0].limits.rate.burst", "must be at least tokens_per_second"),
        row("burst beyond the bucket", "[[clients.profiles]]\nname = \"p\"\n[clients.profiles.limits.rate]\ntokens_per_second = 10\nburst = 65536\n",
            "clients.profiles[0].limits.rate.burst", "an integer from 1 to 65535"),
        row("rate without tokens_per_second", "[[clients.profiles]]\nname = \"p\"\n[clients.profiles.limits.rate]\nburst = 5\n",
            "clients.profiles[0].limits.rate.tokens_per_second", "missing"),
        row("cost beyond the burst", "[[clients.profiles]]\nname = \"p\"\n[clients.profiles.limits.rate]\ntokens_per_second = 2\n"
                + "endpoint_costs = [{ path = \"/build\", cost = 3 }]\n",
            "clients.profiles[0].limits.rate.endpoint_costs[0].cost", "exceeds the burst (2)"),
        row("zero max_inflight", "[[clients.profiles]]\nname = \"p\"\n[clients.profiles.limits]\nconcurrency = { max_inflight = 0 }\n",
            "clients.profiles[0].limits.concurrency.max_inflight", "an integer from 1 to 100000"),
        row("priority without a global cap", "[[clients.profiles]]\nname = \"p\"\n[clients.profiles.limits]\npriority = \"high\"\n",
            "clients.profiles[0].limits.priority", "only matters under clients.global_concurrency.max_inflight"),
        row("selectors without tls files", "[listen.tls]\ncommon_names = [\"x\"]\n", "listen.tls",
            "certificate selectors need TLS"),
        row("relative tls file", "[listen.tls]\ncert_file = \"server.pem\"\n", "listen.tls.cert_file",
            "the path must be absolute"),
        row("bad pin", "[listen.tls]\npublic_key_sha256_pins = [\"abc\"]\n", "listen.tls.public_key_sha256_pins[0]",
            "64 hex digits or 44 base64"),
        row("spiffe ids only in profile selectors", "[listen.tls]\nspiffe_ids = [\"spiffe://x/y\"]\n", "listen.tls.spiffe_ids",
            "unknown key"));
  }

  private static Arguments row(String name, String toml, String key, String message) {
    return Arguments.of(name, toml, key, message);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("problems")
  void reportsProblemWithItsKey(String name, String toml, String key, String message) {
    ConfigException e = assertThrows(ConfigException.class, () -> parse(toml));

    assertTrue(
        e.problems().stream().anyMatch(p -> p.key().equals(key) && p.message().contains(message)),
        "expected " + key + ": ..." + message + "... in " + e.problems());
  }

  static Stream<Arguments> tlsFileProblems() {
    return Stream.of(
        Arguments.of("missing key file", "key_file", "missing; TLS needs cert_file, key_file and client_ca_file together"),
        Arguments.of("traditional key", "key_file", "(PKCS#1/SEC1); convert it to PKCS#8 with openssl pkcs8 -topk8"),
        Arguments.of("key of another certificate", "key_file", "does not belong to the certificate CN=sockguard"),
        Arguments.of("certificate file holding a key", "cert_file", "holds no PEM \"CERTIFICATE\" block"),
        Arguments.of("unreadable ca file", "client_ca_file", "cannot read"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tlsFileProblems")
  void namesTheTlsFileAtFault(String name, String keyName, String message) throws Exception {
    Path cert = server.cert();
    Path key = server.key();
    Path ca = clientCa;
    switch (name) {
      case "traditional key" -> {
        key = temp.resolve("traditional.pem");
        TestPki.writeTraditionalKey(server, key);
      }
      case "key of another certificate" -> key = other.key();
      case "certificate file holding a key" -> cert = server.key();
      case "unreadable ca file" -> ca = temp.resolve("absent.pem");
      default -> {}
    }
    String toml = tls("listen.tls", cert, key, ca);
    if (name.equals("missing key file")) {
      toml = toml.replaceAll("key_file = .*\n", "");
    }
    String text = toml;

    ConfigException e = assertThrows(ConfigException.class, () -> parse(text));

    String full = "listen.tls." + keyName;
    assertTrue(
        e.problems().stream().anyMatch(p -> p.key().equals(full) && p.message().contains(message)),
        "expected " + full + ": ..." + message + "... in " + e.problems());
    assertTrue(Files.exists(server.cert()));
  }

  @Test
  void readsExtraTlsListenerWithItsOwnFiles() throws ConfigException {
    String toml =
        "[[clients.profiles]]\nname = \"updater\"\n[[listeners]]\naddress = \"0.0.0.0:2377\"\nprofile = \"updater\"\n"
            + tls("listeners.tls", server.cert(), server.key(), clientCa)
            + "dns_names = [\"Updater.Example.org\"]\n";

    ListenerConfig listener = parse(toml).listeners().get(0);

    assertTrue(listener.isTls());
    assertEquals(List.of("updater.example.org"), listener.tls().accept().dnsNames());
    assertEquals("updater", listener.profile());
  }
}
