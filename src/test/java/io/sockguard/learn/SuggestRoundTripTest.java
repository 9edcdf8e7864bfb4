package io.sockguard.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.config.Config;
import io.sockguard.config.ConfigLoader;
import io.sockguard.config.RuleConfig;
import io.sockguard.observe.AccessLog;
import io.sockguard.observe.ExchangeRecord;
import io.sockguard.observe.Level;
import io.sockguard.observe.Logger;
import io.sockguard.policy.Action;
import io.sockguard.policy.Policy;
import io.sockguard.policy.Rule;
import io.sockguard.route.CanonicalPath;
import io.sockguard.route.PathCanonicalizer;
import io.sockguard.route.RouteTemplate;
import io.sockguard.testing.FakeUpstream;
import io.sockguard.testing.RawHttp;
import io.sockguard.testing.RunningProxy;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Learn from a log, load what was suggested, replay: every logged request is allowed and an unlogged one denied. Once
 * with a synthetic log written by the real {@link AccessLog}, once with the log of a real proxy run.
 */
class SuggestRoundTripTest {

  /** A Traefik-like workload plus a CI-like write, as targets the way clients send them. */
  private static final List<String> WORKLOAD =
      List.of(
          "HEAD /_ping",
          "GET /v1.41/version",
          "GET /v1.41/containers/json?all=1",
          "GET /v1.41/containers/3f2a/json",
          "GET /v1.41/containers/77bc/json",
          "GET /v1.41/events?filters=%7B%7D",
          "GET /v1.41/images/ghcr.io/org/app:1/json",
          "POST /v1.41/containers/3f2a/restart",
          "DELETE /v1.41/containers/3f2a?force=1");

  @Test
  void synthesisedLogRoundTrips() throws Exception {
    List<String> lines = new ArrayList<>();
    AccessLog accessLog = new AccessLog(new Logger(lines::add, Level.INFO, true, Clock.systemUTC()), true);
    for (String call : WORKLOAD) {
      String[] parts = call.split(" ", 2);
      CanonicalPath path = PathCanonicalizer.canonicalize(parts[1]);
      accessLog.completed(
          new ExchangeRecord(
              parts[0], parts[1], path.path(), RouteTemplate.of(parts[0], path), 200, "would_deny", null, -1, 1000,
              0, 0, "tcp:127.0.0.1", "default", null, "warn"));
    }
    AccessLogReader.Result log = AccessLogReader.read(new BufferedReader(new StringReader(String.join("\n", lines))));

    Config suggested =
        ConfigLoader.parse(PolicySuggester.suggest(log.requests(), Optional.empty()).toToml(), "s.toml", Map.of());
    Policy policy = policyOf(suggested.rules());

    assertEquals(WORKLOAD.size(), log.requests().size());
    assertTrue(LogCheck.check(log.requests(), policy, Optional.empty()).isClean());
    assertTrue(policy.decide("POST", "/containers/create") instanceof io.sockguard.policy.Decision.Deny);
    assertTrue(policy.decide("GET", "/containers/3f2a/logs") instanceof io.sockguard.policy.Decision.Deny);
    assertTrue(policy.decide("GET", "/images/busybox/json") instanceof io.sockguard.policy.Decision.Deny);
  }

  @Test
  void proxyRunRoundTrips() throws Exception {
    try (FakeUpstream daemon = FakeUpstream.start()) {
      List<String> recorded;
      String allowAll =
          "[response]\ninsecure_allow_read_exfiltration = true\n[request_body]\ninsecure_allow_body_blind_writes = true\n"
              + "[[rules]]\nmatch = { method = \"*\", path = \"/**\" }\naction = \"allow\"\n";
      try (RunningProxy proxy = RunningProxy.start(allowAll, daemon.socketPath())) {
        for (String call : WORKLOAD) {
          assertEquals(200, send(proxy, call), call);
        }
        recorded = List.copyOf(proxy.logLines());
      }
      AccessLogReader.Result log =
          AccessLogReader.read(new BufferedReader(new StringReader(String.join("\n", recorded))));
      String suggested = PolicySuggester.suggest(log.requests(), Optional.empty()).toToml();

      try (RunningProxy enforcing = RunningProxy.start(suggested, daemon.socketPath())) {
        for (String call : WORKLOAD) {
          assertEquals(200, send(enforcing, call), call + " under\n" + suggested);
        }
        assertEquals(403, send(enforcing, "POST /v1.41/containers/create"));
        assertEquals(403, send(enforcing, "GET /v1.41/containers/3f2a/logs"));
      }
    }
  }

  @Test
  void checkReportsWhatACandidateWouldDeny() throws Exception {
    List<ObservedRequest> log =
        List.of(
            new ObservedRequest("GET", "/_ping", "/_ping", "allow", "default"),
            new ObservedRequest("GET", "/info", "/info", "would_deny", "default"),
            new ObservedRequest("GET", "/info", "/info", "would_deny", "default"),
            new ObservedRequest("POST", "/containers/create", "/containers/create", "deny", "default"));
    Config candidate =
        ConfigLoader.parse(
            "[[rules]]\nmatch = { method = \"GET\", path = \"/_ping\" }\naction = \"allow\"\n", "c.toml", Map.of());

    LogCheck.Report report = LogCheck.check(log, policyOf(candidate.rules()), Optional.empty());

    assertEquals(3, report.checked());
    assertEquals(List.of(new LogCheck.Denial("GET", "/info", 2, "no_matching_allow_rule", -1)), report.denials());
  }

  private static Policy policyOf(List<RuleConfig> rules) {
    return new Policy(
        rules.stream()
            .map(
                r ->
                    new Rule(
                        r.index(), r.method(), r.path(), Action.valueOf(r.action().toUpperCase(Locale.ROOT)),
                        r.reason()))
            .toList());
  }

  private static int send(RunningProxy proxy, String call) {
    String[] parts = call.split(" ", 2);
    return RawHttp.exchange(
            "127.0.0.1",
            proxy.port(),
            parts[0] + " " + parts[1] + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n")
        .status();
  }
}
