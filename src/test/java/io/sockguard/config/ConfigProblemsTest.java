package io.sockguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigProblemsTest {

  private static final String SOURCE = "sockguard.toml";

  static Stream<Arguments> singleProblems() {
    return Stream.of(
        row("unknown top-level key", "lisen = 1\n", "lisen", "1:1", "did you mean \"listen\"?"),
        row("unknown key in [listen]", "[listen]\naddres = \"127.0.0.1:1\"\n", "listen.addres", "2:1",
            "allowed in [listen]: address, socket"),
        row("unknown key in a nested table", "[health.readiness]\nretries = 3\n", "health.readiness.retries", "2:1",
            "allowed in [health.readiness]: enabled, path, interval, timeout"),
        row("section that is not a table", "listen = \"127.0.0.1:1\"\n", "listen", "1:1",
            "expected a table [listen], got \"127.0.0.1:1\""),
        row("string where a boolean belongs", "[log]\naccess_log = \"yes\"\n", "log.access_log", "2:1",
            "expected true or false, got \"yes\""),
        row("integer where a string belongs", "[listen]\nsocket_mode = 0o600\n", "listen.socket_mode", "2:1",
            "expected an octal mode string from \"0000\" to \"0777\" like \"0600\", got integer 384"),
        row("boolean where a duration belongs", "[listen]\nidle_timeout = true\n", "listen.idle_timeout", "2:1",
            "got boolean true"),
        row("duration without unit", "[listen]\nheader_timeout = \"10\"\n", "listen.header_timeout", "2:1",
            "expected a positive duration like \"5s\", \"250ms\" or \"1m30s\", got \"10\" (missing unit"),
        row("duration with unknown unit", "[health.watchdog]\ninterval = \"5sec\"\n", "health.watchdog.interval",
            "2:1", "unknown unit \"sec\""),
        row("zero duration", "[health.readiness]\ntimeout = \"0s\"\n", "health.readiness.timeout", "2:1",
            "must be more than zero"),
        row("off where off is not allowed", "[listen]\nshutdown_grace = \"off\"\n", "listen.shutdown_grace", "2:1",
            "got \"off\""),
        row("octal mode out of range", "[listen]\nsocket_mode = \"0800\"\n", "listen.socket_mode", "2:1",
            "got \"0800\""),
        row("octal mode too long", "[listen]\nsocket_mode = \"00600\"\n", "listen.socket_mode", "2:1",
            "got \"00600\""),
        row("address without port", "[listen]\naddress = \"x\"\n", "listen.address", "2:1",
            "expected host:port (IPv4, [IPv6] or hostname; port 0-65535), or \"\" to disable TCP, got \"x\""),
        row("address with port out of range", "[listen]\naddress = \"127.0.0.1:65536\"\n", "listen.address", "2:1",
            "port must be a number from 0 to 65535"),
        row("unbracketed IPv6 address", "[listen]\naddress = \"::1:2375\"\n", "listen.address", "2:1",
            "IPv6 addresses need brackets"),
        row("non-loopback address without acknowledgements", "[listen]\naddress = \"0.0.0.0:2375\"\n",
            "listen.address", "2:1",
            "set listen.insecure_allow_plain_tcp = true and listen.insecure_allow_unauthenticated_clients = true"),
        row("non-loopback address with only one acknowledgement",
            "[listen]\naddress = \"10.0.0.5:2375\"\ninsecure_allow_plain_tcp = true\n", "listen.address", "2:1",
            "is not a loopback address"),
        row("no listener at all", "[listen]\naddress = \"\"\n", "listen.address", "2:1",
            "both empty, so nothing would listen"),
        row("relative listen socket", "[listen]\nsocket = \"sockguard.sock\"\n", "listen.socket", "2:1",
            "the path must be absolute"),
        row("upstream socket too long", "[upstream]\nsocket = \"/" + "s".repeat(107) + "\"\n", "upstream.socket",
            "2:1", "108 bytes is longer than the 107 allowed"),
        row("unknown log level", "[log]\nlevel = \"verbose\"\n", "log.level", "2:1",
            "expected debug, info, warn or error, got \"verbose\""),
        row("health path without slash", "[health]\npath = \"health\"\n", "health.path", "2:1",
            "a path starting with \"/\""),
        row("readiness path equal to health path", "[health.readiness]\npath = \"/health\"\n",
            "health.readiness.path", "2:1", "same path as health.path"),
        row("metrics path equal to readiness path",
            "[metrics]\npath = \"/ready\"\n", "metrics.path", "2:1", "same path as health.readiness.path"),
        row("admin listener on a non-loopback address",
            "[admin]\nenabled = true\n[admin.listen]\naddress = \"0.0.0.0:9102\"\n", "admin.listen.address", "4:1",
            "is not a loopback address"),
        row("admin listener enabled without an address", "[admin]\nenabled = true\n", "admin.enabled", "2:1",
            "neither admin.listen.address nor admin.listen.socket is set"),
        row("rules as a table", "[rules]\naction = \"allow\"\n", "rules", "1:1",
            "expected an array of tables, one [[rules]] block per rule, got a table"),
        row("unknown key in a rule", rule("match = { method = \"GET\", path = \"/_ping\" }\naction = \"allow\"\nreasons = \"x\"\n"),
            "rules[0].reasons", "4:1", "did you mean \"reason\"?"),
        row("unknown key inside a rule's match",
            rule("match = { method = \"GET\", path = \"/_ping\", query = \"all=1\" }\naction = \"allow\"\n"),
            "rules[0].match.query", "2:44", "allowed in match: method, path"),
        row("bad rule action", rule("match = { method = \"GET\", path = \"/_ping\" }\naction = \"permit\"\n"),
            "rules[0].action", "3:1", "expected \"allow\" or \"deny\", got \"permit\""),
        row("missing rule action", rule("match = { method = \"GET\", path = \"/_ping\" }\n"), "rules[0].action",
            "1:1", "missing; expected \"allow\" or \"deny\""),
        row("missing match", rule("action = \"deny\"\n"), "rules[0].match", "1:1", "missing; expected match = {"),
        row("lower-case method", rule("match = { method = \"get\", path = \"/_ping\" }\naction = \"allow\"\n"),
            "rules[0].match.method", "2:11", "expected \"*\" or an upper-case HTTP method like GET, got \"get\""),
        row("method of the wrong type", rule("match = { method = 1, path = \"/_ping\" }\naction = \"allow\"\n"),
            "rules[0].match.method", "2:11", "got integer 1"),
        row("wildcard inside a segment", rule("match = { method = \"GET\", path = \"/con*\" }\naction = \"allow\"\n"),
            "rules[0].match.path", "2:27", "* must be a whole segment"),
        row("double star before the end",
            rule("match = { method = \"GET\", path = \"/**/json\" }\naction = \"allow\"\n"), "rules[0].match.path",
            "2:27", "** is only allowed as the last segment"),
        row("path with version prefix",
            rule("match = { method = \"GET\", path = \"/v1.45/version\" }\naction = \"allow\"\n"),
            "rules[0].match.path", "2:27", "without the API version prefix"),
        row("path with a query", rule("match = { method = \"GET\", path = \"/images/json?all=1\" }\naction = \"allow\"\n"),
            "rules[0].match.path", "2:27", "a rule matches the path only"),
        row("relative path", rule("match = { method = \"GET\", path = \"_ping\" }\naction = \"allow\"\n"),
            "rules[0].match.path", "2:27", "a path starting with \"/\""),
        row("path with an empty segment",
            rule("match = { method = \"GET\", path = \"/containers//json\" }\naction = \"allow\"\n"),
            "rules[0].match.path", "2:27", "empty segment"),
        row("match in its own table", "[[rules]]\naction = \"allow\"\n[rules.match]\nmethod = \"GET\"\npath = \"/a*\"\n",
            "rules[0].match.path", "5:1", "* must be a whole segment"),
        row("reason of the wrong type",
            rule("match = { method = \"GET\", path = \"/_ping\" }\naction = \"allow\"\nreason = 7\n"),
            "rules[0].reason", "4:1", "expected a string, got integer 7"),
        row("TOML syntax error", "[listen]\naddress = 127.0.0.1:2375\n", "", "2:16", "Unexpected '.'"),
        row("unterminated table header", "[listen\n", "", "1:8", "Unexpected"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleProblems")
  void reportsTheProblemWithKeyLocationAndWhatIsAllowed(
      String name, String toml, String key, String lineColumn, String fragment) {
    ConfigException thrown = assertThrows(ConfigException.class, () -> ConfigLoader.parse(toml, SOURCE, Map.of()));

    assertEquals(1, thrown.problems().size(), () -> "expected one problem: " + thrown.problems());
    ConfigProblem problem = thrown.problems().get(0);
    assertEquals(key, problem.key(), problem::toString);
    assertEquals(SOURCE + ":" + lineColumn, problem.location(), problem::toString);
    assertTrue(problem.message().contains(fragment), () -> "\"" + fragment + "\" not in " + problem);
  }

  @Test
  void reportsEveryProblemAtOnceInFileOrder() {
    String toml =
        """
        [listen]
        address = "0.0.0.0:99999"
        idle_timeout = "forever"
        [log]
        level = "loud"
        colour = "blue"
        [[rules]]
        match = { method = "get", path = "/con*" }
        action = "permit"
        """;

    ConfigException thrown = assertThrows(ConfigException.class, () -> ConfigLoader.parse(toml, SOURCE, Map.of()));

    assertEquals(
        List.of(
            "listen.address@2:1",
            "listen.idle_timeout@3:1",
            "log.level@5:1",
            "log.colour@6:1",
            "rules[0].match.method@8:11",
            "rules[0].match.path@8:27",
            "rules[0].action@9:1"),
        thrown.problems().stream()
            .map(p -> p.key() + "@" + p.location().substring(SOURCE.length() + 1))
            .toList());
  }

  @Test
  void reportsEverySyntaxErrorTomljFinds() {
    ConfigException thrown =
        assertThrows(
            ConfigException.class, () -> ConfigLoader.parse("a = \n[x\nb = allow\n", SOURCE, Map.of()));

    assertTrue(thrown.problems().size() >= 2, thrown::toString);
    assertTrue(thrown.problems().stream().allMatch(p -> p.key().isEmpty()), thrown::toString);
  }

  @Test
  void acceptsNonLoopbackAddressWhenBothRisksAreAcknowledged() throws ConfigException {
    String toml =
        """
        [listen]
        address = "0.0.0.0:2375"
        insecure_allow_plain_tcp = true
        insecure_allow_unauthenticated_clients = true
        """;

    Config config = ConfigLoader.parse(toml, SOURCE, Map.of());

    assertEquals("0.0.0.0:2375", config.listen().address());
  }

  @Test
  void reportsBadValuesInSeveralRulesWithTheirIndex() {
    String toml =
        """
        [[rules]]
        match = { method = "GET", path = "/_ping" }
        action = "allow"
        [[rules]]
        match = { method = "GET", path = "/x" }
        action = "maybe"
        [[rules]]
        match = { method = "POST", path = "/y" }
        action = "nope"
        """;

    ConfigException thrown = assertThrows(ConfigException.class, () -> ConfigLoader.parse(toml, SOURCE, Map.of()));

    assertEquals(
        List.of("rules[1].action", "rules[2].action"),
        thrown.problems().stream().map(ConfigProblem::key).toList());
  }

  @Test
  void rendersProblemsWithKeyLocationAndMessage() {
    ConfigException thrown =
        assertThrows(
            ConfigException.class, () -> ConfigLoader.parse("[listen]\naddress = \"x\"\n", SOURCE, Map.of()));

    assertTrue(
        thrown.problems().get(0).toString().startsWith("listen.address (sockguard.toml:2:1): expected host:port"),
        thrown.problems().get(0)::toString);
    assertTrue(thrown.getMessage().startsWith("1 configuration problem:\n  listen.address"), thrown::getMessage);
  }

  private static Arguments row(String name, String toml, String key, String lineColumn, String fragment) {
    return Arguments.of(name, toml, key, lineColumn, fragment);
  }

  private static String rule(String body) {
    return "[[rules]]\n" + body;
  }
}
