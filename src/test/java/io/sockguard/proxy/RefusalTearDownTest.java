package io.sockguard.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.testing.FakeUpstream;
import io.sockguard.testing.RawConnection;
import io.sockguard.testing.RunningProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refusal must reach the client intact, however the client is still sending. */
class RefusalTearDownTest {
  private static final String ONLY_PING =
      """
      [[rules]]
      match = { method = "GET", path = "/_ping" }
      action = "allow"
      """;

  @TempDir Path temp;

  @Test
  void refusedRequestWithAnUnreadBodyStillGetsItsAnswer() throws Exception {
    Path socket = temp.resolve("sg.sock");
    byte[] body = new byte[512 * 1024];
    try (FakeUpstream daemon = FakeUpstream.start();
        RunningProxy proxy =
            RunningProxy.start(ONLY_PING + "[listen]\naddress = \"\"\nsocket = \"" + socket + "\"\n", daemon.socketPath());
        RawConnection client = RawConnection.unix(socket)) {
      client.write(
          "POST /v1.41/containers/create HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n"
              + "Content-Length: " + body.length + "\r\n\r\n");
      // without a drain this write fails (EPIPE) once sockguard has answered and closed
      client.write(body);
      String answer = new String(client.readUntilClosed(Duration.ofSeconds(5)), StandardCharsets.ISO_8859_1);

      assertTrue(answer.startsWith("HTTP/1.1 403 "), answer);
      assertTrue(answer.contains("is not allowed by policy"), answer);
      assertTrue(client.isClosedByPeer());
      assertEquals(0, daemon.requests().size());
    }
  }

  @Test
  void refusedHeadCarriesNoBody() throws Exception {
    try (FakeUpstream daemon = FakeUpstream.start();
        RunningProxy proxy = RunningProxy.start(ONLY_PING, daemon.socketPath());
        RawConnection client = RawConnection.tcp("127.0.0.1", proxy.port())) {
      client.write("HEAD /_ping HTTP/1.1\r\nHost: docker\r\n\r\nGET /info HTTP/1.1\r\nHost: docker\r\n\r\n");
      String first = client.readHead(Duration.ofSeconds(5));
      String second = client.readHead(Duration.ofSeconds(5));

      assertTrue(first.startsWith("HTTP/1.1 403 ") && first.contains("Content-Length: "), first);
      assertTrue(second.startsWith("HTTP/1.1 403 "), "the next answer follows the head directly: " + second);
    }
  }
}
