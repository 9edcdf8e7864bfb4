package io.sockguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvironmentOverrideTest {

  private static final String SOURCE = "sockguard.toml";

  @Test
  void variableOverridesTheFile() throws ConfigException {
    Config config =
        ConfigLoader.parse(
            "[listen]\naddress = \"127.0.0.1:2375\"\n", SOURCE, Map.of("SOCKGUARD_LISTEN_ADDRESS", "[::1]:2376"));

    assertEquals("[::1]:2376", config.listen().address());
  }

  @Test
  void offDisablesTheUpstreamRequestTimeout() throws ConfigException {
    Config config = ConfigLoader.parse("", SOURCE, Map.of("SOCKGUARD_UPSTREAM_REQUEST_TIMEOUT", "off"));

    assertNull(config.upstream().requestTimeout());
    assertFalse(config.upstream().hasRequestTimeout());
  }

  @Test
  void nestedKeyIsReachableThroughItsFullPath() throws ConfigException {
    Config config = ConfigLoader.parse("", SOURCE, Map.of("SOCKGUARD_HEALTH_READINESS_TIMEOUT", "1m30s"));

    assertEquals(Duration.ofSeconds(90), config.health().readiness().timeout());
  }

  @Test
  void adminListenerIsConfigurableFromTheEnvironment() throws ConfigException {
    Config config =
        ConfigLoader.parse(
            "",
            SOURCE,
            Map.of("SOCKGUARD_ADMIN_ENABLED", "true", "SOCKGUARD_ADMIN_LISTEN_ADDRESS", "127.0.0.1:9102"));

    assertEquals(
        new AdminConfig(true, "127.0.0.1:9102", "/admin/validate", "/admin/policy/version", 512 * 1024, "", null),
        config.admin());
  }

  @Test
  void overridesApplyToTheEmbeddedDefault() throws ConfigException, IOException {
    Config config =
        ConfigLoader.load(null, Map.of("SOCKGUARD_LOG_ACCESS_LOG", "false", "SOCKGUARD_LISTEN_SOCKET_MODE", "0660"));

    assertFalse(config.log().accessLog());
    assertEquals(0660, config.listen().socketMode());
    assertEquals(7, config.rules().size());
  }

  @Test
  void emptyVariableClearsAString() throws ConfigException {
    Config config =
        ConfigLoader.parse(
            "", SOURCE, Map.of("SOCKGUARD_LISTEN_ADDRESS", "", "SOCKGUARD_LISTEN_SOCKET", "/run/sockguard.sock"));

    assertFalse(config.listen().hasTcp());
    assertEquals("/run/sockguard.sock", config.listen().socket());
  }

  @Test
  void variableCanAcknowledgeANonLoopbackAddress() throws ConfigException {
    Config config =
        ConfigLoader.parse(
            "[listen]\naddress = \"192.0.2.1:2375\"\n",
            SOURCE,
            Map.of(
                "SOCKGUARD_LISTEN_INSECURE_ALLOW_PLAIN_TCP", "true",
                "SOCKGUARD_LISTEN_INSECURE_ALLOW_UNAUTHENTICATED_CLIENTS", "true"));

    assertTrue(config.listen().insecureAllowPlainTcp());
  }

  static Stream<Arguments> badVariables() {
    return Stream.of(
        Arguments.of("bad duration", "SOCKGUARD_HEALTH_READINESS_TIMEOUT", "soon", "health.readiness.timeout",
            "SOCKGUARD_HEALTH_READINESS_TIMEOUT", "got \"soon\""),
        Arguments.of("bad boolean", "SOCKGUARD_METRICS_ENABLED", "yes", "metrics.enabled",
            "SOCKGUARD_METRICS_ENABLED", "expected true or false, got \"yes\""),
        Arguments.of("bad address", "SOCKGUARD_LISTEN_ADDRESS", "localhost", "listen.address",
            "SOCKGUARD_LISTEN_ADDRESS", "missing :port"),
        Arguments.of("non-loopback address from the environment", "SOCKGUARD_LISTEN_ADDRESS", "0.0.0.0:2375",
            "listen.address", "SOCKGUARD_LISTEN_ADDRESS", "is not a loopback address"),
        Arguments.of("misspelt variable", "SOCKGUARD_LISTEN_ADRESS", "127.0.0.1:1", "SOCKGUARD_LISTEN_ADRESS",
            "environment", "did you mean \"SOCKGUARD_LISTEN_ADDRESS\"?"),
        Arguments.of("variable for a table", "SOCKGUARD_LISTEN", "x", "SOCKGUARD_LISTEN", "environment",
            "unknown variable"),
        Arguments.of("variable for the rules", "SOCKGUARD_RULES", "x", "SOCKGUARD_RULES", "environment",
            "rules cannot be set from the environment"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badVariables")
  void reportsBadVariableWithItsNameAsLocation(
      String name, String variable, String value, String key, String location, String fragment) {
    ConfigException thrown =
        assertThrows(ConfigException.class, () -> ConfigLoader.parse("", SOURCE, Map.of(variable, value)));

    assertEquals(1, thrown.problems().size(), thrown::getMessage);
    ConfigProblem problem = thrown.problems().get(0);
    assertEquals(key, problem.key());
    assertEquals(location, problem.location());
    assertTrue(problem.message().contains(fragment), problem::toString);
  }

  @Test
  void ignoresTheLaunchersOwnVariablesAndOtherPrograms() throws ConfigException {
    Map<String, String> env =
        Map.of(
            "SOCKGUARD_INSTANCE_ID", "a",
            "SOCKGUARD_CONFIG", "/etc/sockguard.toml",
            "SOCKGUARD_JAVA_OPTS", "-Xmx64m",
            "SOCKGUARD_HOME", "/opt/sockguard",
            "DOCKER_HOST", "unix:///var/run/docker.sock",
            "sockguard_listen_address", "lower case is not ours");

    Config config = ConfigLoader.parse("", SOURCE, env);

    assertEquals("127.0.0.1:2375", config.listen().address());
  }

  @Test
  void reportsFileAndEnvironmentProblemsTogether() {
    ConfigException thrown =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    "[log]\nformat = \"xml\"\n",
                    SOURCE,
                    Map.of("SOCKGUARD_LOG_LEVEL", "loud", "SOCKGUARD_BOGUS", "1")));

    assertEquals(
        List.of("log.format", "SOCKGUARD_BOGUS", "log.level"),
        thrown.problems().stream().map(ConfigProblem::key).toList());
  }

  @Test
  void reportsEnvironmentProblemsEvenWhenTheFileDoesNotParse() {
    ConfigException thrown =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.parse("[listen\n", SOURCE, Map.of("SOCKGUARD_LOG_LEVEL", "loud")));

    assertEquals(List.of("", "log.level"), thrown.problems().stream().map(ConfigProblem::key).toList());
  }

  @Test
  void everyKeyHasTheVariableNameDerivedFromItsPath() {
    assertEquals("SOCKGUARD_LISTEN_INSECURE_ALLOW_PLAIN_TCP", Keys.LISTEN_INSECURE_ALLOW_PLAIN_TCP.envName());
    assertEquals("SOCKGUARD_HEALTH_WATCHDOG_INTERVAL", Keys.HEALTH_WATCHDOG_INTERVAL.envName());
  }
}
