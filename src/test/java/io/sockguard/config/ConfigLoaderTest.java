package io.sockguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  void emptyFileGivesTheDefaultsAndNoRules() throws ConfigException {
    Config config = ConfigLoader.parse("", "empty.toml", Map.of());

    assertEquals(
        new ListenConfig(
            "127.0.0.1:2375", "", 0600, false, false, Duration.ofSeconds(10), Duration.ofSeconds(120),
            Duration.ofSeconds(10)),
        config.listen());
    assertEquals(new UpstreamConfig("/var/run/docker.sock", Duration.ofSeconds(60)), config.upstream());
    assertEquals(new LogConfig("info", "json", true), config.log());
    assertEquals(new MetricsConfig(false, "/metrics", ""), config.metrics());
    assertEquals(
        new HealthConfig(
            true,
            "/health",
            new WatchdogConfig(false, Duration.ofSeconds(5)),
            new ReadinessConfig(false, "/ready", Duration.ofSeconds(10), Duration.ofSeconds(5))),
        config.health());
    assertEquals(List.of(), config.rules());
    assertEquals("empty.toml", config.source());
  }

  @Test
  void embeddedDefaultIsReadOnlyAndEndsWithDenyAll() throws ConfigException, IOException {
    Config config = ConfigLoader.load(null, Map.of());

    assertEquals(Config.EMBEDDED_DEFAULT, config.source());
    assertEquals(
        List.of(
            "allow GET /_ping",
            "allow HEAD /_ping",
            "allow GET /version",
            "allow GET /events",
            "allow GET /containers/json",
            "allow GET /images/json",
            "deny * /**"),
        config.rules().stream().map(r -> r.action() + " " + r.method() + " " + r.path()).toList());
    assertTrue(config.rules().stream().noneMatch(r -> r.reason().isEmpty()), "every default rule has a reason");
    assertEquals("sockguard default policy is read-only", config.rules().get(6).reason());
  }

  @Test
  void readsEveryKindOfValue() throws ConfigException {
    String toml =
        """
        [listen]
        address = "[::1]:0"
        socket = "/run/sockguard/docker.sock"
        socket_mode = "640"
        header_timeout = "250ms"
        idle_timeout = "1.5s"
        shutdown_grace = "2h"
        [upstream]
        request_timeout = "off"
        [log]
        level = "debug"
        format = "text"
        access_log = false
        [metrics]
        enabled = true
        bearer_token_file = "/run/secrets/metrics"
        """;

    Config config = ConfigLoader.parse(toml, "t.toml", Map.of());

    assertEquals(
        new ListenConfig(
            "[::1]:0", "/run/sockguard/docker.sock", 0640, false, false, Duration.ofMillis(250),
            Duration.ofMillis(1500), Duration.ofHours(2)),
        config.listen());
    assertEquals(new UpstreamConfig("/var/run/docker.sock", null), config.upstream());
    assertEquals(new LogConfig("debug", "text", false), config.log());
    assertEquals(new MetricsConfig(true, "/metrics", "/run/secrets/metrics"), config.metrics());
  }

  @Test
  void readsRulesWrittenInlineOrAsSubTables() throws ConfigException {
    String toml =
        """
        [[rules]]
        match = { method = "GET", path = "/containers/*/json" }
        action = "allow"
        reason = "inspect"

        [[rules]]
        action = "deny"
        [rules.match]
        method = "*"
        path = "/"
        """;

    Config config = ConfigLoader.parse(toml, "r.toml", Map.of());

    assertEquals(
        List.of(
            new RuleConfig(0, "GET", "/containers/*/json", "allow", "inspect", "r.toml:1:1"),
            new RuleConfig(1, "*", "/", "deny", "", "r.toml:6:1")),
        config.rules());
    assertTrue(config.rules().get(0).isAllow());
  }

  @Test
  void loadsAFileAndNamesItAsSource(@TempDir Path dir) throws ConfigException, IOException {
    Path file = dir.resolve("sockguard.toml");
    Files.writeString(file, "[listen]\naddress = \"bad\"\n");

    ConfigException thrown = assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));

    assertEquals(file + ":2:1", thrown.problems().get(0).location());
    Files.writeString(file, "[log]\nlevel = \"warn\"\n");
    assertEquals(file.toString(), ConfigLoader.load(file, Map.of()).source());
  }

  @Test
  void missingFileIsAnIoErrorNotAConfigProblem(@TempDir Path dir) {
    assertThrows(NoSuchFileException.class, () -> ConfigLoader.load(dir.resolve("absent.toml"), Map.of()));
  }

  @Test
  void listsAllowedNamesInReferenceOrder() {
    assertEquals(
        List.of(
            "",
            "listen",
            "listen.tls",
            "upstream",
            "log",
            "metrics",
            "health",
            "health.watchdog",
            "health.readiness",
            "response",
            "admin",
            "admin.listen",
            "admin.listen.tls",
            "reload",
            "policy_bundle"),
        List.copyOf(Keys.TABLES.keySet()));
    assertEquals(
        List.of(
            "listen", "upstream", "log", "metrics", "health", "response", "admin", "reload", "policy_bundle", "rules",
            "request_body", "listeners", "clients"),
        List.copyOf(Keys.TABLES.get("")));
  }
}
