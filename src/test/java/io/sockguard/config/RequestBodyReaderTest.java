package io.sockguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestBodyReaderTest {

  @Test
  void defaultsDenyTheDangerousShapes() throws ConfigException {
    RequestBodyConfig config = ConfigLoader.parse("", "t.toml", Map.of()).requestBody();
    assertEquals(1L << 20, config.maxBytes());
    assertFalse(config.insecureAllowBodyBlindWrites());
    assertFalse(config.containerCreate().allowPrivileged());
    assertTrue(config.containerCreate().restrictNamespaceSharing());
    assertEquals(List.of(), config.containerCreate().allowedBindMounts());
    assertEquals(List.of("runc"), config.containerCreate().allowedRuntimes());
    assertTrue(config.containerCreate().denyUnconfinedSeccomp());
    assertTrue(config.imagePull().allowOfficial());
    assertFalse(config.build().allowRemoteContext());
  }

  @Test
  void readsListsAndNestedArgv() throws ConfigException {
    RequestBodyConfig config =
        ConfigLoader.parse(
                """
                [request_body]
                max_bytes = 2048
                [request_body.container_create]
                allowed_bind_mounts = ["/srv/a", "/srv/b"]
                [request_body.exec]
                allowed_commands = [["sh", "-c", "date"], ["ls"]]
                """,
                "t.toml",
                Map.of())
            .requestBody();
    assertEquals(2048, config.maxBytes());
    assertEquals(List.of("/srv/a", "/srv/b"), config.containerCreate().allowedBindMounts());
    assertEquals(List.of(List.of("sh", "-c", "date"), List.of("ls")), config.exec().allowedCommands());
  }

  static Stream<Arguments> problems() {
    return Stream.of(
        // case, toml, key, message fragment
        Arguments.of("unknown key", "[request_body.container_create]\nallow_privileged_ = true",
            "request_body.container_create.allow_privileged_", "did you mean \"allow_privileged\""),
        Arguments.of("unknown table", "[request_body.exex]\nallow_privileged = true", "request_body.exex",
            "did you mean \"exec\""),
        Arguments.of("string for a flag", "[request_body.exec]\nallow_privileged = \"yes\"",
            "request_body.exec.allow_privileged", "expected true or false"),
        Arguments.of("relative bind root", "[request_body.container_create]\nallowed_bind_mounts = [\"srv\"]",
            "request_body.container_create.allowed_bind_mounts", "not absolute"),
        Arguments.of("dot-dot bind root", "[request_body.container_create]\nallowed_bind_mounts = [\"/srv/../\"]",
            "request_body.container_create.allowed_bind_mounts", "\"..\""),
        Arguments.of("ALL capability", "[request_body.container_create]\nallowed_capabilities = [\"cap_all\"]",
            "request_body.container_create.allowed_capabilities", "allow_all_capabilities"),
        Arguments.of("zero max_bytes", "[request_body]\nmax_bytes = 0", "request_body.max_bytes",
            "from 1 to 67108864"),
        Arguments.of("max_bytes above the cap", "[request_body]\nmax_bytes = 67108865", "request_body.max_bytes",
            "from 1 to 67108864"),
        Arguments.of("empty argv", "[request_body.exec]\nallowed_commands = [[]]",
            "request_body.exec.allowed_commands[0]", "program name"),
        Arguments.of("not a table", "request_body = 1", "request_body", "a table"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void problems(String name, String toml, String key, String fragment) {
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(toml, "t.toml", Map.of()));
    ConfigProblem problem = e.problems().get(0);
    assertEquals(key, problem.key(), problem.toString());
    assertTrue(problem.message().contains(fragment), problem.toString());
  }

  @Test
  void maxBytesAtTheCapIsAccepted() throws ConfigException {
    assertEquals(
        RequestBodyReader.MAX_MAX_BYTES,
        ConfigLoader.parse("[request_body]\nmax_bytes = 67108864", "t.toml", Map.of()).requestBody().maxBytes());
  }

  @Test
  void requestBodyCannotBeSetFromTheEnvironment() {
    assertThrows(
        ConfigException.class,
        () -> ConfigLoader.parse("", "t.toml", Map.of("SOCKGUARD_REQUEST_BODY_MAX_BYTES", "5")));
  }
}
