package io.sockguard.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.config.Config;
import io.sockguard.config.ConfigException;
import io.sockguard.config.ConfigLoader;
import io.sockguard.observe.Level;
import io.sockguard.observe.Logger;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReloaderTest {
  private final List<String> log = new ArrayList<>();
  private final List<String> outcomes = new ArrayList<>();
  private final Logger logger =
      new Logger(log::add, Level.INFO, true, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

  private static Config parse(String toml) throws ConfigException {
    return ConfigLoader.parse(toml, "sockguard.toml", Map.of());
  }

  private static final String ONE_RULE =
      """
      [[rules]]
      match = { method = "GET", path = "/_ping" }
      action = "allow"
      """;

  private Reloader<Integer> reloader(Reloader.Source source, AtomicReference<Integer> live) throws Exception {
    Config initial = parse(ONE_RULE);
    live.set(initial.rules().size());
    return new Reloader<>(
        source,
        initial,
        c -> c.rules().size(),
        live,
        logger,
        (result, version, when) -> outcomes.add(result.wire() + "@" + version),
        Clock.fixed(Instant.ofEpochSecond(1700000000), ZoneOffset.UTC));
  }

  @Test
  void swapsInNewPolicyAndTicksVersion() throws Exception {
    AtomicReference<Integer> live = new AtomicReference<>();
    Reloader<Integer> reloader = reloader(() -> parse(ONE_RULE + ONE_RULE), live);
    assertEquals(ReloadResult.OK, reloader.reload("sighup"));
    assertEquals(2, live.get());
    assertEquals(2, reloader.version());
    assertEquals(List.of("ok@2"), outcomes);
    assertTrue(log.get(0).contains("\"msg\":\"config reloaded\""), log.get(0));
  }

  @Test
  void keepsRunningPolicyOnEachKindOfFailure() throws Exception {
    AtomicReference<Integer> live = new AtomicReference<>();
    Integer before;
    Reloader<Integer> broken = reloader(() -> parse("[[rules]\nx"), live);
    before = live.get();
    assertEquals(ReloadResult.REJECT_LOAD, broken.reload("file"));
    assertSame(before, live.get());

    Reloader<Integer> invalid = reloader(() -> parse("[[rules]]\naction = \"maybe\"\n"), live);
    assertEquals(ReloadResult.REJECT_VALIDATION, invalid.reload("file"));

    Reloader<Integer> unreadable =
        reloader(
            () -> {
              throw new IOException("gone");
            },
            live);
    assertEquals(ReloadResult.REJECT_LOAD, unreadable.reload("file"));

    Reloader<Integer> moved = reloader(() -> parse(ONE_RULE + "[listen]\naddress = \"127.0.0.1:2999\"\n"), live);
    assertEquals(ReloadResult.REJECT_IMMUTABLE, moved.reload("sighup"));
    assertTrue(log.get(log.size() - 1).contains("\"changed_fields\":\"listen\""), log.get(log.size() - 1));

    Reloader<Integer> unsigned =
        reloader(
            () -> {
              throw new Reloader.SignatureRejectedException("no valid signature");
            },
            live);
    assertEquals(ReloadResult.REJECT_SIGNATURE, unsigned.reload("sighup"));

    assertEquals(1, live.get());
    assertEquals(
        List.of("reject_load@1", "reject_validation@1", "reject_load@1", "reject_immutable@1", "reject_signature@1"),
        outcomes);
  }

  @Test
  void namesEveryChangedImmutableField() throws Exception {
    Config a = parse(ONE_RULE);
    Config b =
        parse(
            ONE_RULE
                + "[upstream]\nsocket = \"/run/other.sock\"\nrequest_timeout = \"5s\"\n[log]\nlevel = \"debug\"\n"
                + "[metrics]\nenabled = true\n");
    assertEquals(List.of("upstream.socket", "log", "metrics"), ImmutableFields.changed(a, b));
  }
}
