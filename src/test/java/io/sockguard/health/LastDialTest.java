package io.sockguard.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.testing.FakeUpstream;
import io.sockguard.upstream.UpstreamDialer;
import io.sockguard.upstream.UpstreamUnreachableException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastDialTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

  @Test
  void reportsTheOutcomeOfTheLatestClientDial(@TempDir Path dir) throws IOException {
    try (FakeUpstream daemon = FakeUpstream.start()) {
      LastDial lastDial = new LastDial(new UpstreamDialer(daemon.socketPath()), CLOCK);
      UpstreamDialer clientDialer = new UpstreamDialer(daemon.socketPath(), lastDial);
      clientDialer.dial().close();
      assertTrue(lastDial.status().up());

      UpstreamDialer missing = new UpstreamDialer(dir.resolve("gone.sock"), lastDial);
      assertThrows(UpstreamUnreachableException.class, missing::dial);

      assertFalse(lastDial.status().up());
      assertTrue(lastDial.status().error().contains("gone.sock"), lastDial.status().error());
    }
  }

  @Test
  void dialsOnceItselfBeforeAnyClientTraffic(@TempDir Path dir) {
    LastDial lastDial = new LastDial(new UpstreamDialer(dir.resolve("absent.sock")), CLOCK);

    UpstreamStatus status = lastDial.status();

    assertFalse(status.up());
    assertEquals(CLOCK.instant(), status.checkedAt());
  }
}
