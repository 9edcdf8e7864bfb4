package io.sockguard.listen;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.config.ConfigLoader;
import io.sockguard.config.TlsMaterial;
import io.sockguard.http.BufferPool;
import io.sockguard.identify.ClientIdentity;
import io.sockguard.testing.Poll;
import io.sockguard.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mutual-TLS listener: TLS 1.3 only, client certificate required and verified, half-close both ways. */
class TlsListenerTest {
  @TempDir static Path temp;
  private static TestPki.Issued server;
  private static TestPki.Issued client;
  private static TestPki.Issued stranger;
  private static Path serverCa;
  private static TlsMaterial material;

  private final List<Throwable> failures = new CopyOnWriteArrayList<>();
  private final List<ClientIdentity> identities = new CopyOnWriteArrayList<>();
  private Listener listener;

  @BeforeAll
  static void issue() throws Exception {
    TestPki serverPki = TestPki.create(temp, "server-ca");
    TestPki clientPki = TestPki.create(temp, "client-ca");
    server = serverPki.issue("server", "sockguard", "IP:127.0.0.1");
    client = clientPki.issue("client", "dashboard", "DNS:dash.example.org");
    stranger = TestPki.create(temp, "rogue-ca").issue("stranger", "dashboard");
    serverCa = serverPki.caCert();
    String toml =
        "[listen.tls]\ncert_file = \"" + server.cert() + "\"\nkey_file = \"" + server.key()
            + "\"\nclient_ca_file = \"" + clientPki.caCert() + "\"\n";
    material = ConfigLoader.parse(toml, "t.toml", Map.of()).listen().tls().material();
  }

  @AfterEach
  void close() throws IOException {
    if (listener != null) {
      listener.close();
    }
  }

  /** Binds a TLS listener whose handler reads to EOF, answers "got:" plus what it read, then half-closes. */
  private InetSocketAddress startEchoAfterEof() throws Exception {
    listener =
        Listener.tls(
            "127.0.0.1:0",
            TlsEndpoint.of(
                material.certificateChain(), material.privateKey(), material.clientAuthorities(), Duration.ofSeconds(5)));
    Thread.ofVirtual()
        .start(
            () ->
                listener.acceptLoop(
                    connection -> {
                      identities.add(connection.identity());
                      try (connection) {
                        byte[] received = connection.in().readAllBytes();
                        connection.out().write(("got:" + new String(received, US_ASCII)).getBytes(US_ASCII));
                        connection.out().flush();
                        connection.shutdownOutput();
                        // stays open for reading until the client closes: only our direction has ended
                        connection.in().read();
                      } catch (IOException e) {
                        failures.add(e);
                      }
                    },
                    failures::add,
                    new BufferPool(8192, 16)));
    return listener.tcpAddress().orElseThrow();
  }

  private static SSLSocket connect(SSLContext context, InetSocketAddress address) throws IOException {
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(address.getAddress(), address.getPort());
    socket.setSoTimeout(10_000);
    return socket;
  }

  @Test
  void relaysHalfCloseBothWaysOverTls13() throws Exception {
    InetSocketAddress address = startEchoAfterEof();

    try (SSLSocket socket = connect(TestPki.clientContext(client, serverCa), address)) {
      socket.getOutputStream().write("hello".getBytes(US_ASCII));
      socket.getOutputStream().flush();
      socket.shutdownOutput();
      String answer = new String(socket.getInputStream().readAllBytes(), US_ASCII);

      assertEquals("got:hello", answer, "the server read our EOF and could still answer");
      assertEquals("TLSv1.3", socket.getSession().getProtocol());
    }
    assertEquals(List.of(), failures);
    ClientIdentity.TlsPeer peer = assertInstanceOf(ClientIdentity.TlsPeer.class, identities.get(0));
    assertTrue(peer.describe().endsWith(" cn=dashboard"), peer.describe());
  }

  @Test
  void refusesAClientCertificateFromAnotherAuthority() throws Exception {
    InetSocketAddress address = startEchoAfterEof();

    try (SSLSocket socket = connect(TestPki.clientContext(stranger, serverCa), address)) {
      assertThrows(IOException.class, () -> readAfterWriting(socket));
    }
    Poll.until(Duration.ofSeconds(5), "the failed handshake is reported", () -> !failures.isEmpty());
    assertTrue(failures.get(0).getMessage().startsWith("TLS handshake with 127.0.0.1:"), failures.get(0).getMessage());
    assertTrue(identities.isEmpty(), "the handler never sees such a connection");
  }

  @Test
  void refusesAClientWithoutCertificate() throws Exception {
    InetSocketAddress address = startEchoAfterEof();
    SSLContext anonymous = SSLContext.getInstance("TLSv1.3");
    anonymous.init(null, TestPki.clientContextTrustOnly(serverCa), null);

    try (SSLSocket socket = connect(anonymous, address)) {
      assertThrows(IOException.class, () -> readAfterWriting(socket));
    }
    Poll.until(Duration.ofSeconds(5), "the failed handshake is reported", () -> !failures.isEmpty());
    assertTrue(identities.isEmpty());
  }

  @Test
  void refusesTls12() throws Exception {
    InetSocketAddress address = startEchoAfterEof();

    try (SSLSocket socket = connect(TestPki.clientContext(client, serverCa), address)) {
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      assertThrows(IOException.class, socket::startHandshake);
    }
    Poll.until(Duration.ofSeconds(5), "the failed handshake is reported", () -> !failures.isEmpty());
    assertFalse(failures.isEmpty());
    assertTrue(identities.isEmpty());
  }

  /** Under TLS 1.3 the server judges the client certificate after the client's handshake has finished. */
  private static int readAfterWriting(SSLSocket socket) throws IOException {
    socket.getOutputStream().write("x".getBytes(US_ASCII));
    socket.getOutputStream().flush();
    InputStream in = socket.getInputStream();
    int read = in.read();
    if (read < 0) {
      throw new IOException("closed without an answer");
    }
    return read;
  }
}
