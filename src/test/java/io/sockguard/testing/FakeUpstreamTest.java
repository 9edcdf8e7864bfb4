package io.sockguard.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FakeUpstreamTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @Test
  void recordsAContentLengthRequestAndAnswersEmptyJson() throws Exception {
    try (FakeUpstream upstream = FakeUpstream.start()) {
      RawHttp.Response response =
          RawHttp.exchange(
              upstream.socketPath(),
              "POST /v1.41/containers/create?name=x HTTP/1.1\r\nHost: docker\r\n"
                  + "Content-Type: application/json\r\nContent-Length: 9\r\n"
                  + "Connection: close\r\n\r\n{\"a\":\"b\"}");

      assertEquals(200, response.status());
      assertEquals("{}", response.body());
      assertTrue(response.text().contains("Content-Length: 2\r\n"), response.text());
      RecordedRequest request = upstream.requests().get(0);
      assertEquals("POST", request.method());
      assertEquals("/v1.41/containers/create?name=x", request.target());
      assertEquals("/v1.41/containers/create", request.path());
      assertEquals("HTTP/1.1", request.version());
      assertEquals(Optional.of("application/json"), request.header("content-type"));
      assertEquals("{\"a\":\"b\"}", request.bodyText());
      assertTrue(request.head().startsWith("POST /v1.41/containers/create?name=x HTTP/1.1\r\n"));
      assertFalse(request.head().endsWith("\r\n"), "head excludes the blank line");
    }
  }

  @Test
  void removesChunkedFramingIncludingExtensionsAndTrailers() throws Exception {
    try (FakeUpstream upstream = FakeUpstream.start()) {
      RawHttp.exchange(
          upstream.socketPath(),
          "POST /build HTTP/1.1\r\nHost: docker\r\nTransfer-Encoding: chunked\r\n"
              + "Connection: close\r\n\r\n"
              + "5;name=value\r\nhello\r\nA\r\n, chunked!\r\n0\r\nX-Trailer: yes\r\n\r\n");

      RecordedRequest request = upstream.requests().get(0);
      assertEquals("hello, chunked!", request.bodyText());
      assertEquals(List.of("chunked"), request.headerValues("Transfer-Encoding"));
    }
  }

  @Test
  void servesSeveralRequestsOnOneKeepAliveConnection() throws Exception {
    try (FakeUpstream upstream = FakeUpstream.start();
        RawConnection connection = RawConnection.unix(upstream.socketPath())) {
      connection.write("GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n");
      assertEquals(200, RawHttp.statusCode(connection.readUntil("{}", TIMEOUT)));
      connection.write("GET /version HTTP/1.1\r\nHost: docker\r\n\r\n");
      assertEquals(200, RawHttp.statusCode(connection.readUntil("{}", TIMEOUT)));

      List<RecordedRequest> requests = upstream.awaitRequests(2, TIMEOUT);
      assertEquals(List.of("/_ping", "/version"), requests.stream().map(r -> r.target()).toList());
      assertEquals(1, upstream.connectionCount());
      assertFalse(connection.isClosedByPeer());
    }
  }

  @Test
  void answersWithTheConfiguredHandler() throws Exception {
    FakeUpstream.Handler notFound = FakeUpstream.Handler.json(404, "{\"message\":\"no such\"}");
    try (FakeUpstream upstream = FakeUpstream.start(notFound)) {
      RawHttp.Response response =
          RawHttp.exchange(
              upstream.socketPath(),
              "GET /containers/x/json HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n");

      assertEquals(404, response.status());
      assertEquals("{\"message\":\"no such\"}", response.body());
      assertTrue(response.closedByPeer());
    }
  }

  @Test
  void silentHandlerRecordsTheRequestButNeverAnswers() throws Exception {
    try (FakeUpstream upstream = FakeUpstream.start(FakeUpstream.Handler.silent());
        RawConnection connection = RawConnection.unix(upstream.socketPath())) {
      connection.write("GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n");

      upstream.awaitRequests(1, TIMEOUT);
      assertArrayEquals(new byte[0], connection.readUntilClosed(Duration.ofMillis(200)));
      assertFalse(connection.isClosedByPeer());
    }
  }

  @Test
  void closingTheFakeClosesOpenConnectionsAndDeletesTheSocket() throws Exception {
    FakeUpstream upstream = FakeUpstream.start(FakeUpstream.Handler.silent());
    Path socket = upstream.socketPath();
    try (RawConnection connection = RawConnection.unix(socket)) {
      connection.write("GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n");
      upstream.awaitRequests(1, TIMEOUT);

      upstream.close();

      connection.readUntilClosed(TIMEOUT);
      assertTrue(connection.isClosedByPeer());
      assertFalse(Files.exists(socket));
    }
  }

  @Test
  void handlerCanTakeOverTheConnectionAfterSwitchingProtocols() throws Exception {
    FakeUpstream.Handler echo =
        exchange -> {
          OutputStream out = exchange.output();
          out.write(
              "HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n"
                  .getBytes(ISO_8859_1));
          out.flush();
          InputStream in = exchange.input();
          in.transferTo(out);
          exchange.closeAfterward();
        };
    try (FakeUpstream upstream = FakeUpstream.start(echo);
        RawConnection connection = RawConnection.unix(upstream.socketPath())) {
      connection.write(
          "POST /containers/x/attach?stream=1&stdin=1 HTTP/1.1\r\nHost: docker\r\n"
              + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
      assertEquals(101, RawHttp.statusCode(connection.readHead(TIMEOUT)));

      connection.write("ping");
      assertEquals("ping", new String(connection.readUntil("ping", TIMEOUT), ISO_8859_1));
      connection.shutdownOutput();
      connection.readUntilClosed(TIMEOUT);
      assertTrue(connection.isClosedByPeer(), "half-close reaches the handler as end of stream");
    }
  }
}
