package io.sockguard.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

class RawHttpTest {

  static Stream<Arguments> statusLines() {
    return Stream.of(
        Arguments.of("plain 200", "HTTP/1.1 200 OK\r\n\r\n", 200),
        Arguments.of("HTTP/1.0", "HTTP/1.0 404 Not Found\r\nContent-Length: 0\r\n\r\n", 404),
        Arguments.of("no reason phrase", "HTTP/1.1 204\r\n\r\n", 204),
        Arguments.of("only the status line", "HTTP/1.1 101 Switching Protocols", 101),
        Arguments.of(
            "interim then final", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created", 100));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statusLines")
  void parsesTheFirstStatusCode(String name, String response, int expected) {
    assertEquals(expected, RawHttp.statusCode(response));
    assertEquals(expected, RawHttp.statusCode(response.getBytes(ISO_8859_1)));
  }

  static Stream<Arguments> notStatusLines() {
    return Stream.of(
        Arguments.of("empty", ""),
        Arguments.of("request line", "GET / HTTP/1.1\r\n"),
        Arguments.of("two-digit code", "HTTP/1.1 20 OK\r\n"),
        Arguments.of("no code", "HTTP/1.1\r\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notStatusLines")
  void failsOnTextThatIsNotAStatusLine(String name, String response) {
    assertThrows(AssertionFailedError.class, () -> RawHttp.statusCode(response));
  }

  @Test
  void readsOverTcpUntilTheServerCloses() throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
      Thread.ofVirtual().start(() -> answerOnceAndClose(server));

      RawHttp.Response response =
          RawHttp.exchange("127.0.0.1", port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");

      assertEquals(200, response.status());
      assertEquals("hi", response.body());
      assertTrue(response.closedByPeer());
    }
  }

  @Test
  void returnsWhatArrivedWhenTheTimeoutEndsTheRead() throws Exception {
    FakeUpstream.Handler partial =
        exchange -> {
          exchange.output().write("HTTP/1.1 200 OK\r\n".getBytes(ISO_8859_1));
          exchange.output().flush();
          exchange.input().transferTo(OutputStream.nullOutputStream());
        };
    try (FakeUpstream upstream = FakeUpstream.start(partial)) {
      RawHttp.Response response =
          RawHttp.exchange(
              UnixDomainSocketAddress.of(upstream.socketPath()),
              "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(ISO_8859_1),
              Duration.ofMillis(300));

      assertEquals("HTTP/1.1 200 OK\r\n", response.text());
      assertFalse(response.closedByPeer());
    }
  }

  private static void answerOnceAndClose(ServerSocketChannel server) {
    try (SocketChannel client = server.accept()) {
      ByteBuffer in = ByteBuffer.allocate(4096);
      while (!new String(in.array(), 0, in.position(), ISO_8859_1).contains("\r\n\r\n")) {
        if (client.read(in) < 0) {
          return;
        }
      }
      client.write(
          ByteBuffer.wrap("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi".getBytes(ISO_8859_1)));
    } catch (IOException e) {
      // the test's assertions report what went wrong
    }
  }
}
