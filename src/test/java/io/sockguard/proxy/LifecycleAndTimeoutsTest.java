package io.sockguard.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.testing.FakeUpstream;
import io.sockguard.testing.Poll;
import io.sockguard.testing.RawConnection;
import io.sockguard.testing.RawHttp;
import io.sockguard.testing.RunningProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deadlines, daemon restarts and shutdown: what happens to connections over time. */
class LifecycleAndTimeoutsTest {
  private static final String ALLOW_ALL =
      """
      [[rules]]
      match = { method = "*", path = "/**" }
      action = "allow"
      [response]
      insecure_allow_read_exfiltration = true
      [request_body]
      insecure_allow_body_blind_writes = true
      """;

  @TempDir Path temp;

  private static String get(String path) {
    return "GET " + path + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n";
  }

  /** A daemon that answers finite requests after {@code delay} and holds /events open forever, sending one event. */
  private static FakeUpstream.Handler slowAndStreaming(CountDownLatch release) {
    return exchange -> {
      if (exchange.request().path().endsWith("/events")) {
        exchange.output().write(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                .getBytes(UTF_8));
        exchange.output().write("8\r\n{\"a\":1}\n\r\n".getBytes(UTF_8));
        exchange.output().flush();
        exchange.input().transferTo(java.io.OutputStream.nullOutputStream());
        exchange.closeAfterward();
        return;
      }
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.respondJson(200, "{\"slow\":true}");
    };
  }

  @Test
  void answers504WhenFiniteRequestOutlivesRequestTimeoutButNeverCutsStreams() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    try (FakeUpstream daemon = FakeUpstream.start(slowAndStreaming(never));
        RunningProxy proxy =
            RunningProxy.start(ALLOW_ALL + "[upstream]\nrequest_timeout = \"300ms\"\n", daemon.socketPath())) {
      RawHttp.Response finite = RawHttp.exchange("127.0.0.1", proxy.port(), get("/containers/json"));
      assertEquals(504, finite.status());
      assertTrue(finite.body().contains("did not answer within 300ms"), finite.body());

      try (RawConnection events = RawConnection.tcp("127.0.0.1", proxy.port())) {
        events.write("GET /events HTTP/1.1\r\nHost: docker\r\n\r\n");
        events.readUntil("{\"a\":1}", Duration.ofSeconds(5));
        // three request timeouts later the stream is still open
        assertFalse(Poll.reached(Duration.ofMillis(1000), events::isClosedByPeer), "stream was cut");
      }
    } finally {
      never.countDown();
    }
  }

  @Test
  void headerTimeoutClosesSlowClientsAndIdleTimeoutClosesIdleOnes() throws Exception {
    try (FakeUpstream daemon = FakeUpstream.start();
        RunningProxy proxy =
            RunningProxy.start(
                ALLOW_ALL
                    + "[listen]\naddress = \"127.0.0.1:0\"\nheader_timeout = \"300ms\"\nidle_timeout = \"600ms\"\n",
                daemon.socketPath())) {
      try (RawConnection slow = RawConnection.tcp("127.0.0.1", proxy.port())) {
        slow.write("GET /_ping HTTP/1.1\r\nHost: d");
        Poll.until(Duration.ofSeconds(3), "slow head is cut off", slow::isClosedByPeer);
      }
      try (RawConnection idle = RawConnection.tcp("127.0.0.1", proxy.port())) {
        idle.write("GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n");
        idle.readHead(Duration.ofSeconds(2));
        Poll.until(Duration.ofSeconds(3), "idle keep-alive connection is closed", idle::isClosedByPeer);
      }
      assertEquals(1, daemon.requests().size(), "the incomplete request never reached the daemon");
    }
  }

  @Test
  void survivesDaemonRestartWithoutCachedDeadConnections() throws Exception {
    Path socket;
    try (FakeUpstream first = FakeUpstream.start()) {
      socket = first.socketPath();
    }
    FakeUpstream daemon = FakeUpstream.start();
    try (RunningProxy proxy = RunningProxy.start(ALLOW_ALL, daemon.socketPath());
        RawConnection client = RawConnection.tcp("127.0.0.1", proxy.port())) {
      Path path = daemon.socketPath();
      client.write("GET /_ping HTTP/1.1\r\nHost: docker\r\n\r\n");
      assertTrue(client.readHead(Duration.ofSeconds(5)).startsWith("HTTP/1.1 200"));
      daemon.close();

      RawHttp.Response down = RawHttp.exchange("127.0.0.1", proxy.port(), get("/_ping"));
      assertEquals(502, down.status());
      assertTrue(down.body().contains("cannot reach the Docker daemon"), down.body());
      assertTrue(proxy.logLines().stream().anyMatch(l -> l.contains("upstream_socket_unreachable")));

      daemon = FakeUpstream.startAt(path);
      // the same keep-alive client connection: its paired daemon connection died with the old daemon
      client.write("GET /version HTTP/1.1\r\nHost: docker\r\n\r\n");
      String head = client.readHead(Duration.ofSeconds(5));
      assertTrue(head.contains("200"), head);
      assertEquals(1, daemon.requests().size());
    } finally {
      daemon.close();
    }
    assertFalse(socket.toString().isEmpty());
  }

  @Test
  void shutdownFinishesFiniteRequestsClosesStreamsAndRemovesSocket() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Path socket = temp.resolve("sg.sock");
    try (FakeUpstream daemon = FakeUpstream.start(slowAndStreaming(release))) {
      RunningProxy proxy =
          RunningProxy.start(
              ALLOW_ALL + "[listen]\naddress = \"127.0.0.1:0\"\nsocket = \"" + socket + "\"\nshutdown_grace = \"5s\"\n",
              daemon.socketPath());
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
      try (RawConnection events = RawConnection.tcp("127.0.0.1", proxy.port());
          RawConnection finite = RawConnection.tcp("127.0.0.1", proxy.port())) {
        events.write("GET /events HTTP/1.1\r\nHost: docker\r\n\r\n");
        events.readUntil("{\"a\":1}", Duration.ofSeconds(5));
        finite.write("GET /containers/json HTTP/1.1\r\nHost: docker\r\n\r\n");
        daemon.awaitRequests(2, Duration.ofSeconds(5));

        Thread stopper = Thread.ofVirtual().start(proxy::close);
        Poll.until(Duration.ofSeconds(3), "streams close at once", events::isClosedByPeer);
        assertTrue(stopper.isAlive(), "shutdown waits for the finite request");
        release.countDown();
        String answer = new String(finite.readUntilClosed(Duration.ofSeconds(5)), UTF_8);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("Connection: close"), answer);
        assertTrue(answer.contains("{\"slow\":true}"), answer);
        stopper.join(Duration.ofSeconds(5));
        assertFalse(stopper.isAlive());
      }
      assertFalse(Files.exists(socket), "unix socket removed on shutdown");
    }
  }

  @Test
  void replacesStaleSocketFileButRefusesOneSomebodyListensOn() throws Exception {
    Path socket = temp.resolve("stale.sock");
    try (FakeUpstream daemon = FakeUpstream.start()) {
      try (java.nio.channels.ServerSocketChannel stale =
          java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
        stale.bind(java.net.UnixDomainSocketAddress.of(socket));
      }
      assertTrue(Files.exists(socket), "a stale socket file is left behind");
      String toml = ALLOW_ALL + "[listen]\naddress = \"\"\nsocket = \"" + socket + "\"\n";
      try (RunningProxy proxy = RunningProxy.start(toml, daemon.socketPath())) {
        assertEquals(socket, proxy.socketPath());
        assertEquals(200, RawHttp.exchange(socket, get("/_ping")).status());
        java.io.UncheckedIOException refused =
            org.junit.jupiter.api.Assertions.assertThrows(
                java.io.UncheckedIOException.class, () -> RunningProxy.start(toml, daemon.socketPath()).close());
        assertTrue(refused.getMessage().contains("another process is listening"), refused.getMessage());
        assertEquals(200, RawHttp.exchange(socket, get("/_ping")).status(), "the running listener is untouched");
      }
    }
  }
}
