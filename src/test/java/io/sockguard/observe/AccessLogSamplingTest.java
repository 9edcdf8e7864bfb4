package io.sockguard.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Throttle lines are sampled to one per (client address, reason) per second; other lines never are. */
class AccessLogSamplingTest {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final AccessLog log =
      new AccessLog(new Logger(lines::add, Level.DEBUG, true, Clock.systemUTC()), true, nanos::get);

  private static ExchangeRecord refused(String client, String reason) {
    return new ExchangeRecord(
        "GET", "/info", "/info", "/info", 429, "deny", reason, -1, 1_000, 0, 0, client, "limited", null, "enforce");
  }

  @Test
  void oneLinePerClientAddressAndReasonPerSecond() {
    for (int port = 40000; port < 40010; port++) {
      log.completed(refused("10.0.0.7:" + port, "rate_limit_exceeded"));
    }
    log.completed(refused("10.0.0.7:41000", "concurrency_cap"));
    log.completed(refused("10.0.0.8:40000", "rate_limit_exceeded"));
    assertEquals(3, lines.size(), String.join("\n", lines));

    nanos.addAndGet(1_000_000_000L);
    log.completed(refused("10.0.0.7:40001", "rate_limit_exceeded"));
    assertEquals(4, lines.size());
  }

  @Test
  void deniesAndAllowsAreNeverSampled() {
    for (int i = 0; i < 5; i++) {
      log.completed(
          new ExchangeRecord(
              "GET", "/info", "/info", "/info", 403, "deny", "no_matching_allow_rule", -1, 1, 0, 0, "10.0.0.7:1",
              "default", null, "enforce"));
    }
    assertEquals(5, lines.size());
  }

  @Test
  void wouldBeThrottlingIsLoggedSampledAndEnforcedOnlyAsItsRequestLine() {
    for (int i = 0; i < 3; i++) {
      log.throttled("10.0.0.7:" + (50000 + i), "rollout", "rate_limit_exceeded", "warn");
      log.throttled("10.0.0.7:" + (50000 + i), "limited", "rate_limit_exceeded", "enforce");
    }
    assertEquals(1, lines.size(), String.join("\n", lines));
    assertEquals(true, lines.get(0).contains("\"msg\":\"throttled\"") && lines.get(0).contains("\"level\":\"WARN\""));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ipv4 with port       | 10.0.0.7:5000            | 10.0.0.7",
        "ipv6 with port       | [fd00::1]:5000           | [fd00::1]",
        "tls with its name    | 10.0.0.7:5000 cn=updater | 10.0.0.7 cn=updater",
        "unix peer            | unix:uid=0,gid=0,pid=9   | unix:uid=0,gid=0,pid=9",
      })
  void samplesByAddressWithoutThePort(String name, String client, String address) {
    assertEquals(address, AccessLog.address(client));
  }
}
