package io.sockguard.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import io.sockguard.observe.Level;
import io.sockguard.observe.Logger;
import io.sockguard.testing.Poll;
import io.sockguard.upstream.UpstreamDialer;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchdogTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
  private final Logger logger = new Logger(lines::add, Level.DEBUG, true, CLOCK);
  private final List<Boolean> probes = new CopyOnWriteArrayList<>();

  private Watchdog watchdog(Path socket) {
    return new Watchdog(new UpstreamDialer(socket), Duration.ofHours(1), logger, CLOCK, probes::add);
  }

  /** A listening unix socket at a fixed path; the kernel completes connects from the backlog without accept. */
  private static ServerSocketChannel listen(Path socket) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    return server;
  }

  private static void vanish(ServerSocketChannel server, Path socket) throws IOException {
    server.close();
    Files.delete(socket);
  }

  private List<JsonObject> events() {
    return lines.stream().map(line -> Json.parse(line).asObject()).toList();
  }

  @Test
  void logsOneWarnAndOneInfoAcrossAnOutageOfSeveralChecks() throws IOException {
    Path socket = dir.resolve("docker.sock");
    ServerSocketChannel server = listen(socket);
    Watchdog watchdog = watchdog(socket);
    watchdog.check();
    watchdog.check();
    vanish(server, socket);
    watchdog.check();
    watchdog.check();
    watchdog.check();
    server = listen(socket);
    watchdog.check();
    watchdog.check();
    server.close();

    List<JsonObject> events = events();
    assertEquals(2, events.size(), lines::toString);
    JsonObject down = events.get(0);
    assertEquals("WARN", down.getString("level", ""));
    assertEquals("upstream socket watchdog state changed", down.getString("msg", ""));
    assertEquals(socket.toString(), down.getString("upstream_socket", ""));
    assertEquals("unreachable", down.getString("upstream_status", ""));
    assertFalse(down.getBoolean("up", true));
    assertTrue(down.getString("error", "").startsWith("dial unix " + socket), down.toString());
    JsonObject up = events.get(1);
    assertEquals("INFO", up.getString("level", ""));
    assertEquals("connected", up.getString("upstream_status", ""));
    assertTrue(up.getBoolean("up", false));
    assertNull(up.get("error"));
    assertEquals(List.of(true, true, false, false, false, true, true), probes);
  }

  @Test
  void warnsAtTheFirstCheckWhenTheSocketIsAlreadyMissing() {
    Watchdog watchdog = watchdog(dir.resolve("absent.sock"));

    UpstreamStatus status = watchdog.check();

    assertFalse(status.up());
    assertEquals(1, lines.size());
    assertEquals("WARN", events().get(0).getString("level", ""));
  }

  @Test
  void keepsTheLatestSnapshotWithItsTime() throws IOException {
    Path socket = dir.resolve("docker.sock");
    try (ServerSocketChannel server = listen(socket)) {
      assertTrue(server.isOpen());
      Watchdog watchdog = watchdog(socket);
      watchdog.check();

      assertEquals(new UpstreamStatus(true, null, CLOCK.instant()), watchdog.status());
    }
  }

  @Test
  void checksOnItsOwnThreadOnceStartedAndStopsWhenClosed() throws IOException {
    Path socket = dir.resolve("docker.sock");
    try (ServerSocketChannel server = listen(socket)) {
      assertTrue(server.isOpen());
      Watchdog watchdog =
          new Watchdog(new UpstreamDialer(socket), Duration.ofMillis(5), logger, CLOCK, probes::add);
      watchdog.start();
      Poll.until(Duration.ofSeconds(10), "three checks", () -> probes.size() >= 3);
      watchdog.close();
      int afterClose = probes.size();

      watchdog.check();

      assertEquals(afterClose + 1, probes.size());
    }
  }
}
