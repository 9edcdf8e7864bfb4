package io.sockguard.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.config.Config;
import io.sockguard.config.ConfigLoader;
import io.sockguard.config.RuleConfig;
import io.sockguard.learn.RulesToml;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TecnativaFlagsTest {

  /**
   * The rule list each setting must produce, written out from Tecnativa's behaviour (see the class comment of
   * {@link TecnativaFlags}): section flags in Tecnativa's order, EVENTS, PING and VERSION on unless turned off,
   * ALLOW_* first, deny-all last.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          AUTH=1 | AUTH=1 | GET /auth/**; HEAD /auth/**; GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          BUILD=1 | BUILD=1 | GET /build/**; HEAD /build/**; GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          COMMIT=1 | COMMIT=1 | GET /commit/**; HEAD /commit/**; GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          CONFIGS=1 | CONFIGS=1 | GET /configs/**; HEAD /configs/**; GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          CONTAINERS=1 | CONTAINERS=1 | GET /containers/**; HEAD /containers/**; GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          DISTRIBUTION=1 | DISTRIBUTION=1 | GET /distribution/**; HEAD /distribution/**; GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          EVENTS=0 | EVENTS=0 | GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          EXEC=1 | EXEC=1 | GET /events/**; HEAD /events/**; GET /exec/**; HEAD /exec/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          GRPC=1 | GRPC=1 | GET /events/**; HEAD /events/**; GET /grpc/**; HEAD /grpc/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          IMAGES=1 | IMAGES=1 | GET /events/**; HEAD /events/**; GET /images/**; HEAD /images/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          INFO=1 | INFO=1 | GET /events/**; HEAD /events/**; GET /info/**; HEAD /info/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          NETWORKS=1 | NETWORKS=1 | GET /events/**; HEAD /events/**; GET /networks/**; HEAD /networks/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          NODES=1 | NODES=1 | GET /events/**; HEAD /events/**; GET /nodes/**; HEAD /nodes/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          PING=0 | PING=0 | GET /events/**; HEAD /events/**; GET /version/**; HEAD /version/**; DENY * /**
          PLUGINS=1 | PLUGINS=1 | GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /plugins/**; HEAD /plugins/**; GET /version/**; HEAD /version/**; DENY * /**
          SECRETS=1 | SECRETS=1 | GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /secrets/**; HEAD /secrets/**; GET /version/**; HEAD /version/**; DENY * /**
          SERVICES=1 | SERVICES=1 | GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /services/**; HEAD /services/**; GET /version/**; HEAD /version/**; DENY * /**
          SESSION=1 | SESSION=1 | GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /session/**; HEAD /session/**; GET /version/**; HEAD /version/**; DENY * /**
          SWARM=1 | SWARM=1 | GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /swarm/**; HEAD /swarm/**; GET /version/**; HEAD /version/**; DENY * /**
          SYSTEM=1 | SYSTEM=1 | GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /system/**; HEAD /system/**; GET /version/**; HEAD /version/**; DENY * /**
          TASKS=1 | TASKS=1 | GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /tasks/**; HEAD /tasks/**; GET /version/**; HEAD /version/**; DENY * /**
          VERSION=0 | VERSION=0 | GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; DENY * /**
          VOLUMES=1 | VOLUMES=1 | GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; GET /volumes/**; HEAD /volumes/**; DENY * /**
          EVENTS=1 (a default, stated) | EVENTS=1 | GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          all defaults off | EVENTS=0 PING=0 VERSION=0 | DENY * /**
          POST=1 | POST=1 | GET /events/**; HEAD /events/**; POST /events/**; GET /_ping/**; HEAD /_ping/**; POST /_ping/**; GET /version/**; HEAD /version/**; POST /version/**; DENY * /**
          DELETE=1 | DELETE=1 | GET /events/**; HEAD /events/**; DELETE /events/**; GET /_ping/**; HEAD /_ping/**; DELETE /_ping/**; GET /version/**; HEAD /version/**; DELETE /version/**; DENY * /**
          ALLOW_START=1 | ALLOW_START=1 | POST /containers/*/start; GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          ALLOW_STOP=1 | ALLOW_STOP=1 | POST /containers/*/stop; GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          ALLOW_RESTARTS=1 | ALLOW_RESTARTS=1 | POST /containers/*/stop; POST /containers/*/restart; POST /containers/*/kill; GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          ALLOW_STOP=1 ALLOW_RESTARTS=1 | ALLOW_STOP=1 ALLOW_RESTARTS=1 | POST /containers/*/stop; POST /containers/*/restart; POST /containers/*/kill; GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          CONTAINERS=1 POST=1 DELETE=1 | CONTAINERS=1 POST=1 DELETE=1 | GET /containers/**; HEAD /containers/**; POST /containers/**; DELETE /containers/**; GET /events/**; HEAD /events/**; POST /events/**; DELETE /events/**; GET /_ping/**; HEAD /_ping/**; POST /_ping/**; DELETE /_ping/**; GET /version/**; HEAD /version/**; POST /version/**; DELETE /version/**; DENY * /**
          CONTAINERS=true is off | CONTAINERS=true | GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          CONTAINERS=2 is on | CONTAINERS=2 | GET /containers/**; HEAD /containers/**; GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          CONTAINERS=1abc is on | CONTAINERS=1abc | GET /containers/**; HEAD /containers/**; GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          CONTAINERS=00 is off | CONTAINERS=00 | GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          CONTAINERS= is off | CONTAINERS= | GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          POST=0 is off | POST=0 | GET /events/**; HEAD /events/**; GET /_ping/**; HEAD /_ping/**; GET /version/**; HEAD /version/**; DENY * /**
          """)
  void producesTheEquivalentRuleList(String name, String variables, String expected) {
    TecnativaFlags flags = TecnativaFlags.fromEnvironment(env(variables)).orElseThrow();

    List<String> actual =
        flags.rules().stream()
            .map(r -> (r.isAllow() ? "" : "DENY ") + r.method() + " " + r.path())
            .toList();

    assertEquals(Arrays.stream(expected.split(";")).map(String::strip).toList(), actual);
  }

  @Test
  void everyVariableIsKnown() {
    assertEquals(28, TecnativaFlags.VARIABLES.size());
    assertTrue(TecnativaFlags.VARIABLES.containsAll(List.of("PING", "ALLOW_RESTARTS", "GRPC", "SESSION", "DELETE")));
  }

  @Test
  void absentWhenNoVariableIsSet() {
    assertTrue(TecnativaFlags.fromEnvironment(Map.of("PATH", "/bin", "SOCKGUARD_LOG_LEVEL", "debug")).isEmpty());
  }

  @Test
  void rulesRoundTripThroughTheConfigLoader() throws Exception {
    TecnativaFlags flags =
        TecnativaFlags.fromEnvironment(env("CONTAINERS=1 IMAGES=1 POST=1 DELETE=1 ALLOW_RESTARTS=1")).orElseThrow();

    Config loaded = ConfigLoader.parse(RulesToml.render(flags.rules(), true), "compat.toml", Map.of());

    assertEquals(withoutLocations(flags.rules()), withoutLocations(loaded.rules()));
  }

  @Test
  void rulesSayWhichVariableMadeThem() {
    List<RuleConfig> rules = TecnativaFlags.fromEnvironment(env("ALLOW_START=1")).orElseThrow().rules();

    assertEquals("environment ALLOW_START", rules.get(0).location());
    assertEquals("environment EVENTS", rules.get(1).location());
  }

  @Test
  void describesOnlyTheVariablesThatWereSet() {
    assertEquals(
        "CONTAINERS=1 POST=0",
        TecnativaFlags.fromEnvironment(env("POST=0 CONTAINERS=1")).orElseThrow().describe());
  }

  @Test
  void countsDefaultsAsOn() {
    TecnativaFlags flags = TecnativaFlags.fromEnvironment(env("CONTAINERS=1")).orElseThrow();

    assertTrue(flags.isOn("PING"));
    assertTrue(flags.isOn("CONTAINERS"));
    assertFalse(flags.isOn("POST"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          containers exposes archive, export, logs | CONTAINERS=1           | CONTAINERS=1 opens a read-exfiltration surface: GET /containers/{id}/archive
          images exposes image export              | IMAGES=1               | IMAGES=1 opens a read-exfiltration surface: GET /images/get
          post with build                          | BUILD=1 POST=1         | POST=1 with BUILD=1 opens a blind-write surface: POST /build
          post with plugins                        | PLUGINS=1 POST=1       | POST=1 with PLUGINS=1 opens a blind-write surface: POST /plugins/pull
          post with swarm                          | SWARM=1 POST=1         | POST=1 with SWARM=1 opens a blind-write surface: POST /swarm/init
          post with containers                     | CONTAINERS=1 POST=1    | POST=1 with CONTAINERS=1 opens a blind-write surface: POST /containers/create
          true is read as off                      | CONTAINERS=true        | CONTAINERS=true is read as off
          """)
  void warnsAboutRiskySettings(String name, String variables, String expectedStart) {
    List<String> warnings = TecnativaFlags.fromEnvironment(env(variables)).orElseThrow().warnings();

    assertTrue(warnings.stream().anyMatch(w -> w.startsWith(expectedStart)), warnings.toString());
  }

  @Test
  void quietForTheReadOnlyDefaults() {
    assertEquals(List.of(), TecnativaFlags.fromEnvironment(env("EVENTS=1 PING=1 VERSION=1 POST=1")).orElseThrow()
        .warnings());
  }

  @Test
  void buildWithoutPostIsNotABlindWrite() {
    List<String> warnings = TecnativaFlags.fromEnvironment(env("BUILD=1")).orElseThrow().warnings();

    assertEquals(List.of(), warnings);
  }

  private static Map<String, String> env(String variables) {
    Map<String, String> env = new HashMap<>();
    for (String pair : variables.strip().split("\\s+")) {
      String[] kv = pair.split("=", 2);
      env.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    return env;
  }

  private static List<String> withoutLocations(List<RuleConfig> rules) {
    return rules.stream().map(r -> r.index() + " " + r.method() + " " + r.path() + " " + r.action() + " " + r.reason())
        .toList();
  }
}
