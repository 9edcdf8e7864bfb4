package io.sockguard.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.testing.DockerCli;
import io.sockguard.testing.Poll;
import io.sockguard.testing.PrivateDocker;
import io.sockguard.testing.RunningProxy;
import io.sockguard.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One sockguard serving several consumers, each identified by how it connects, driven by the real docker CLI: a
 * read-only socket next to a full-access TCP port, a shared 0660 socket where the peer's uid picks the profile, an
 * mTLS port where the client certificate does, and a warn-mode listener for rolling a policy out.
 */
@Tag("e2e")
class IdentityWithDockerCliTest {
  private static final String READ_ONLY_RULES =
      """
      [[clients.profiles.rules]]
      match = { method = "GET", path = "/**" }
      action = "allow"
      [[clients.profiles.rules]]
      match = { method = "HEAD", path = "/_ping" }
      action = "allow"
      """;

  @TempDir static Path temp;
  private static PrivateDocker docker;
  private static RunningProxy proxy;
  private static Path sockets;
  private static TestPki.Issued updater;
  private static TestPki.Issued stranger;
  private static TestPki.Issued foreign;
  private static DockerCli root;
  private static String container;

  @BeforeAll
  static void start() throws Exception {
    docker = PrivateDocker.require();
    // the CLI run as nobody must be able to reach the shared socket's directory
    sockets = Files.createDirectory(temp.resolve("sockets"));
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(sockets, PosixFilePermissions.fromString("rwxr-xr-x"));
    TestPki pki = TestPki.create(temp, "ca");
    TestPki.Issued server = pki.issue("server", "sockguard", "IP:127.0.0.1");
    updater = pki.issue("updater", "updater");
    stranger = pki.issue("stranger", "stranger");
    foreign = TestPki.create(temp, "rogue-ca").issue("foreign", "updater");
    // the foreign client still trusts our server; only its own certificate is from elsewhere
    Files.copy(pki.caCert(), foreign.ca(), StandardCopyOption.REPLACE_EXISTING);
    String toml =
        """
        [[rules]]
        match = { method = "*", path = "/**" }
        action = "allow"
        [response]
        insecure_allow_read_exfiltration = true
        [request_body]
        insecure_allow_body_blind_writes = true

        [listen]
        address = "127.0.0.1:0"
        socket = "SOCKETS/shared.sock"
        socket_mode = "0660"
        socket_group = "nogroup"

        [[listeners]]
        socket = "SOCKETS/ro.sock"
        profile = "readonly"

        [[listeners]]
        address = "127.0.0.1:0"
        [listeners.tls]
        cert_file = "SERVER_CERT"
        key_file = "SERVER_KEY"
        client_ca_file = "CA"
        common_names = ["updater", "dashboard"]

        [[listeners]]
        address = "127.0.0.1:0"
        profile = "rollout"

        [[listeners]]
        address = "127.0.0.1:0"
        profile = "metered"

        [[clients.unix_peer_profiles]]
        profile = "readonly"
        uids = [65534]

        [[clients.unix_peer_profiles]]
        profile = "admin"
        uids = [0]

        [[clients.client_certificate_profiles]]
        profile = "updater"
        common_names = ["updater"]

        [[clients.profiles]]
        name = "readonly"
        """
            + READ_ONLY_RULES
            + """

            [[clients.profiles]]
            name = "admin"
            [[clients.profiles.rules]]
            match = { method = "*", path = "/**" }
            action = "allow"

            [[clients.profiles]]
            name = "updater"
            """
            + READ_ONLY_RULES
            + """
            [[clients.profiles.rules]]
            match = { method = "POST", path = "/containers/*/exec" }
            action = "allow"
            [[clients.profiles.rules]]
            match = { method = "POST", path = "/exec/*/start" }
            action = "allow"
            [[clients.profiles.rules]]
            match = { method = "POST", path = "/exec/*/resize" }
            action = "allow"

            [[clients.profiles]]
            name = "metered"
            """
            + READ_ONLY_RULES
            + """
            [clients.profiles.limits]
            rate = { tokens_per_second = 1, burst = 4 }

            [[clients.profiles]]
            name = "rollout"
            mode = "warn"
            [[clients.profiles.rules]]
            match = { method = "GET", path = "/_ping" }
            action = "allow"
            [[clients.profiles.rules]]
            match = { method = "HEAD", path = "/_ping" }
            action = "allow"
            [[clients.profiles.rules]]
            match = { method = "GET", path = "/version" }
            action = "allow"
            """;
    toml =
        toml.replace("SOCKETS", sockets.toString())
            .replace("SERVER_CERT", server.cert().toString())
            .replace("SERVER_KEY", server.key().toString())
            .replace("\"CA\"", "\"" + pki.caCert() + "\"");
    proxy = RunningProxy.start(toml, docker.socket());
    root = DockerCli.forHost(proxy.dockerHost());
    container =
        root.run("run", "-d", "--network", "none", "--name", name("ident"), docker.image(), "sleep", "600")
            .assertSuccess()
            .out()
            .trim();
  }

  @AfterAll
  static void stop() {
    if (container != null) {
      root.run("rm", "-f", container);
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  private static String name(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String tcpHost(String listener) {
    return "tcp://127.0.0.1:" + proxy.sockguard().tcpAddress(listener).orElseThrow().getPort();
  }

  private static DockerCli tlsClient(TestPki.Issued client) {
    return DockerCli.forHost(tcpHost("listeners[1]"))
        .withEnv("DOCKER_TLS_VERIFY", "1")
        .withEnv("DOCKER_CERT_PATH", client.dir().toString());
  }

  private static String logLineWith(String... fragments) {
    Poll.until(
        Duration.ofSeconds(5),
        "a log line with " + String.join(" ", fragments),
        () -> proxy.logLines().stream().anyMatch(l -> containsAll(l, fragments)));
    return proxy.logLines().stream().filter(l -> containsAll(l, fragments)).findFirst().orElseThrow();
  }

  private static boolean containsAll(String line, String... fragments) {
    for (String fragment : fragments) {
      if (!line.contains(fragment)) {
        return false;
      }
    }
    return true;
  }

  @Test
  void readOnlySocketNextToFullAccessTcp() {
    DockerCli readOnly = DockerCli.forUnixSocket(sockets.resolve("ro.sock"));

    assertTrue(readOnly.run("ps").assertSuccess().out().contains("CONTAINER ID"));
    DockerCli.Result refused = readOnly.run("run", "--rm", "--network", "none", docker.image(), "true");
    assertFalse(refused.succeeded(), refused.toString());
    assertTrue(refused.err().contains("is not allowed by policy"), refused.err());
    root.run("run", "--rm", "--network", "none", docker.image(), "true").assertSuccess();
    // the read-only socket pins its profile even for root, whom the shared socket would give "admin"
    logLineWith("\"method\":\"POST\"", "\"profile\":\"readonly\"", "\"decision\":\"deny\"", "unix:uid=0,");
  }

  @Test
  void sharedSocketGivesNobodyAndRootTheirOwnProfiles() {
    DockerCli nobody = DockerCli.forUnixSocket(sockets.resolve("shared.sock")).asUser("nobody", "nogroup");
    DockerCli rootOnShared = DockerCli.forUnixSocket(sockets.resolve("shared.sock"));

    assertTrue(nobody.run("ps").assertSuccess().out().contains("CONTAINER ID"));
    DockerCli.Result refused = nobody.run("run", "--rm", "--network", "none", docker.image(), "true");
    assertFalse(refused.succeeded(), refused.toString());
    assertTrue(refused.err().contains("is not allowed by policy"), refused.err());
    assertEquals(
        "hi\n",
        rootOnShared.run("run", "--rm", "--network", "none", docker.image(), "echo", "hi").assertSuccess().out());
    assertTrue(logLineWith("\"profile\":\"readonly\"", "\"decision\":\"deny\"").contains("unix:uid=65534,gid=65534"));
    assertTrue(logLineWith("\"profile\":\"admin\"", "\"method\":\"POST\"").contains("unix:uid=0"));
  }

  @Test
  void mutualTlsCertificateSelectsTheProfileAndExecStdinHalfCloses() {
    DockerCli tls = tlsClient(updater);

    assertFalse(tls.run("version", "--format", "{{.Server.Version}}").assertSuccess().out().isBlank());
    assertEquals(
        "hello over tls\n",
        tls.runWithStdin("hello over tls\n".getBytes(StandardCharsets.UTF_8), "exec", "-i", container, "cat")
            .assertSuccess()
            .out(),
        "stdin's end reaches cat through TLS, and its output still comes back");
    DockerCli.Result refused = tls.run("run", "--rm", "--network", "none", docker.image(), "true");
    assertFalse(refused.succeeded(), refused.toString());
    assertTrue(refused.err().contains("is not allowed by policy"), refused.err());
    assertTrue(logLineWith("\"profile\":\"updater\"", "\"method\":\"POST\"", "/exec/").contains("cn=updater"));
  }

  @Test
  void certificateOutsideTheSelectorsIsRefused() {
    DockerCli.Result refused = tlsClient(stranger).run("version", "--format", "{{.Server.Version}}");

    assertTrue(
        refused.err().contains("this listener does not accept the client certificate CN=stranger"), refused.toString());
    logLineWith("\"reason_code\":\"client_not_allowed\"", "cn=stranger");
  }

  @Test
  void certificateFromAnotherAuthorityFailsTheHandshake() {
    DockerCli.Result refused = tlsClient(foreign).run("version", "--format", "{{.Server.Version}}");

    assertFalse(refused.succeeded(), refused.toString());
    assertTrue(refused.err().contains("tls"), refused.toString());
    Poll.until(
        Duration.ofSeconds(5),
        "the handshake failure is logged",
        () -> proxy.logLines().stream().anyMatch(l -> l.contains("TLS handshake with 127.0.0.1:")));
  }

  @Test
  void rateLimitedProfileAnswers429UnderABurstThenRecovers() {
    DockerCli metered = DockerCli.forHost(tcpHost("listeners[3]"));
    DockerCli.Result refused = null;
    for (int i = 0; i < 10 && refused == null; i++) {
      DockerCli.Result result = metered.run("ps");
      refused = result.succeeded() ? null : result;
    }

    assertNotNull(refused, "ten quick docker ps runs exceed a burst of 4 tokens at 1 per second");
    assertTrue(refused.err().contains("rate limit of profile metered exceeded; retry after"), refused.toString());
    logLineWith("\"status\":429", "\"reason_code\":\"rate_limit_exceeded\"", "\"profile\":\"metered\"");
    // a client that honours the hint (and then some: docker ps costs two tokens) gets through again; polling faster
    // would itself keep the bucket empty
    long retryAt = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    Poll.until(
        Duration.ofSeconds(15),
        "the bucket refills and docker ps works again",
        () -> System.nanoTime() - retryAt >= 0 && metered.run("ps").succeeded());
  }

  @Test
  void warnModeLetsWouldBeDenialsThroughAndLogsThem() {
    DockerCli rollout = DockerCli.forHost(tcpHost("listeners[2]"));

    assertTrue(rollout.run("ps").assertSuccess().out().contains("CONTAINER ID"));
    String line = logLineWith("\"profile\":\"rollout\"", "\"decision\":\"would_deny\"", "/containers/json");
    assertTrue(line.contains("\"level\":\"WARN\"") && line.contains("\"mode\":\"warn\""), line);
  }
}
