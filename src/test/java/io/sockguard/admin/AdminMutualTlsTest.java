package io.sockguard.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.testing.FakeUpstream;
import io.sockguard.testing.RunningProxy;
import io.sockguard.testing.TestPki;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TCP admin listener with [admin.listen.tls]: clients with a certificate from its CA only. */
class AdminMutualTlsTest {
  @TempDir Path dir;

  @Test
  void requiresAClientCertificateFromItsCa() throws Exception {
    TestPki pki = TestPki.create(dir, "admin-ca");
    TestPki.Issued server = pki.issue("server", "localhost", "IP:127.0.0.1", "DNS:localhost");
    TestPki.Issued client = pki.issue("operator", "operator");
    TestPki stranger = TestPki.create(dir, "other-ca");
    TestPki.Issued outsider = stranger.issue("outsider", "outsider");
    try (FakeUpstream daemon = FakeUpstream.start();
        RunningProxy proxy =
            RunningProxy.start(
                """
                [[rules]]
                match = { method = "GET", path = "/_ping" }
                action = "allow"
                [admin]
                enabled = true
                [admin.listen]
                address = "127.0.0.1:0"
                [admin.listen.tls]
                cert_file = "%s"
                key_file = "%s"
                client_ca_file = "%s"
                """
                    .formatted(server.cert(), server.key(), pki.caCert()),
                daemon.socketPath())) {
      URI version =
          URI.create("https://127.0.0.1:" + proxy.sockguard().adminAddress().orElseThrow().getPort()
              + "/admin/policy/version");
      SSLContext trusted = TestPki.clientContext(client, pki.caCert());
      HttpResponse<String> answer =
          HttpClient.newBuilder().sslContext(trusted).build()
              .send(HttpRequest.newBuilder(version).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, answer.statusCode());
      assertTrue(answer.body().contains("\"version\":1"), answer.body());

      SSLContext foreign = TestPki.clientContext(outsider, pki.caCert());
      assertThrows(
          IOException.class,
          () ->
              HttpClient.newBuilder().sslContext(foreign).build()
                  .send(HttpRequest.newBuilder(version).build(), HttpResponse.BodyHandlers.ofString()));
    }
  }
}
