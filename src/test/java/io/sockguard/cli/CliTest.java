package io.sockguard.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir Path temp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private ExitCode run(Map<String, String> env, String... args) {
    return new Cli(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8), env).run(args);
  }

  private String out() {
    return out.toString(UTF_8);
  }

  private String err() {
    return err.toString(UTF_8);
  }

  @Test
  void validateListsEveryProblemWithKeyAndLineAndExitsOne() throws Exception {
    Path file = temp.resolve("bad.toml");
    Files.writeString(
        file,
        """
        [listen]
        adress = "127.0.0.1:2375"
        [upstream]
        request_timeout = "soon"
        [[rules]]
        match = { method = "GET", path = "/x" }
        action = "permit"
        """);
    assertEquals(ExitCode.CONFIG_INVALID, run(Map.of(), "validate", "--config", file.toString()));
    assertTrue(err().contains("listen.adress (" + file + ":2:1)"), err());
    assertTrue(err().contains("upstream.request_timeout (" + file + ":4:1)"), err());
    assertTrue(err().contains("rules[0].action"), err());
  }

  @Test
  void validateAcceptsShippedReferenceConfig() {
    assertEquals(ExitCode.OK, run(Map.of(), "validate", "--config", "etc/sockguard.toml"));
    assertTrue(out().startsWith("ok: etc/sockguard.toml"), out());
  }

  @Test
  void validateNamesTheEnvironmentVariableThatIsWrong() {
    assertEquals(
        ExitCode.CONFIG_INVALID,
        run(Map.of("SOCKGUARD_UPSTREAM_REQUEST_TIMEOUT", "forever"), "validate", "--config", "etc/sockguard.toml"));
    assertTrue(err().contains("SOCKGUARD_UPSTREAM_REQUEST_TIMEOUT"), err());
  }

  @Test
  void matchShowsCanonicalPathDecisionRuleAndReason() {
    assertEquals(ExitCode.OK, run(Map.of(), "match", "GET", "/v1.41//containers/%2e%2e/containers/json?all=1"));
    assertTrue(out().contains("canonical: /containers/json\n"), out());
    assertTrue(out().contains("forwarded: /v1.41/containers/json?all=1\n"), out());
    assertTrue(out().contains("decision: allow\n"), out());
    assertTrue(out().contains("rule: 4\n"), out());

    out.reset();
    assertEquals(ExitCode.OK, run(Map.of(), "match", "POST", "/containers/create"));
    assertTrue(out().contains("decision: deny\n"), out());
    assertTrue(out().contains("reason_code: matched_deny_rule\n"), out());
  }

  @Test
  void usageErrorsExitTwoAndHelpExitsZero() {
    assertEquals(ExitCode.USAGE, run(Map.of(), "frobnicate"));
    assertTrue(err().contains("unknown command: frobnicate"), err());
    assertEquals(ExitCode.USAGE, run(Map.of(), "match", "GET"));
    assertEquals(ExitCode.OK, run(Map.of(), "serve", "--help"));
    assertTrue(out().contains("Usage: sockguard"), out());
  }

  @Test
  void serveRefusesInvalidConfigBeforeBindingAnything() {
    assertEquals(
        ExitCode.CONFIG_INVALID,
        run(Map.of("SOCKGUARD_LISTEN_ADDRESS", "0.0.0.0:2375"), "serve"));
    assertTrue(err().contains("listen.address"), err());
    assertTrue(err().contains("insecure_allow_plain_tcp"), err());
  }

  @Test
  void validateRefusesUnacknowledgedExfiltrationNamingRuleAndKey() throws Exception {
    Path file = temp.resolve("open.toml");
    Files.writeString(file, "[[rules]]\nmatch = { method = \"*\", path = \"/**\" }\naction = \"allow\"\n");
    assertEquals(ExitCode.CONFIG_INVALID, run(Map.of(), "validate", "--config", file.toString()));
    assertTrue(err().contains("rules[0] allows GET /containers/{id}/archive"), err());
    assertTrue(err().contains("response.insecure_allow_read_exfiltration = true"), err());
    assertTrue(err().contains("request_body.insecure_allow_body_blind_writes = true"), err());
  }

  @Test
  void versionPrintsVersionAndJava() {
    assertEquals(ExitCode.OK, run(Map.of(), "version"));
    assertTrue(out().startsWith("sockguard "), out());
    assertTrue(out().contains("java "), out());
  }
}
