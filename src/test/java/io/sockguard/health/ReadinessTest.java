package io.sockguard.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.observe.Level;
import io.sockguard.observe.Logger;
import io.sockguard.testing.FakeUpstream;
import io.sockguard.testing.RecordedRequest;
import io.sockguard.upstream.UpstreamDialer;
import java.io.IOException;
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

class ReadinessTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

  private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
  private final Logger logger = new Logger(lines::add, Level.DEBUG, true, CLOCK);
  private final List<Boolean> probes = new CopyOnWriteArrayList<>();

  private Readiness readiness(Path socket, Duration timeout) {
    return new Readiness(new UpstreamDialer(socket), Duration.ofHours(1), timeout, logger, CLOCK, probes::add);
  }

  @Test
  void isReadyWhenTheDaemonListsContainers() throws IOException {
    try (FakeUpstream daemon = FakeUpstream.start(FakeUpstream.Handler.json(200, "[]"))) {
      UpstreamStatus status = readiness(daemon.socketPath(), Duration.ofSeconds(10)).probe();

      assertEquals(new UpstreamStatus(true, null, CLOCK.instant()), status);
      RecordedRequest request = daemon.awaitRequests(1, Duration.ofSeconds(5)).get(0);
      assertEquals("GET", request.method());
      assertEquals("/containers/json?limit=1", request.target());
      assertEquals(List.of(true), probes);
      assertTrue(lines.isEmpty(), lines::toString);
    }
  }

  @Test
  void isUnreadyWhenTheDaemonAnswersWithAnError() throws IOException {
    try (FakeUpstream daemon = FakeUpstream.start(FakeUpstream.Handler.json(500, "{\"message\":\"boom\"}"))) {
      UpstreamStatus status = readiness(daemon.socketPath(), Duration.ofSeconds(10)).probe();

      assertFalse(status.up());
      assertTrue(status.error().contains("answered 500"), status.error());
      assertEquals(List.of(false), probes);
    }
  }

  @Test
  void isUnreadyWhenTheDaemonAcceptsButNeverAnswers() throws IOException {
    try (FakeUpstream daemon = FakeUpstream.start(FakeUpstream.Handler.silent())) {
      UpstreamStatus status = readiness(daemon.socketPath(), Duration.ofMillis(200)).probe();

      assertFalse(status.up());
      assertEquals("GET /containers/json did not answer within 200ms", status.error());
    }
  }

  @Test
  void isUnreadyWhenTheSocketIsMissing(@TempDir Path dir) {
    UpstreamStatus status = readiness(dir.resolve("absent.sock"), Duration.ofSeconds(1)).probe();

    assertFalse(status.up());
    assertTrue(status.error().startsWith("dial unix "), status.error());
  }

  @Test
  void isUnreadyBeforeTheFirstProbe(@TempDir Path dir) {
    UpstreamStatus status = readiness(dir.resolve("absent.sock"), Duration.ofSeconds(1)).status();

    assertFalse(status.up());
    assertNull(status.checkedAt());
  }

  @Test
  void logsOnlyWhenReadinessChanges() throws IOException {
    FakeUpstream daemon = FakeUpstream.start(FakeUpstream.Handler.json(200, "[]"));
    Readiness readiness = readiness(daemon.socketPath(), Duration.ofSeconds(10));
    readiness.probe();
    daemon.close();
    readiness.probe();
    readiness.probe();

    assertEquals(1, lines.size(), lines::toString);
    assertTrue(lines.peek().contains("\"level\":\"WARN\""), lines::toString);
  }
}
