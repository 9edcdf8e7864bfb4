package io.sockguard.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator-facing commands of issue 6: rules, the compat hook, signed configs, suggest. */
class CliOperationsTest {
  @TempDir Path dir;

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
  void rulesPrintsTheEmbeddedDefaultAsLoadableToml() throws Exception {
    assertEquals(ExitCode.OK, run(Map.of(), "rules"));

    assertTrue(out().startsWith("# Effective rules of embedded default, from embedded default"), out());
    assertEquals(
        ConfigLoader.load(null, Map.of()).rules().size(),
        ConfigLoader.parse(out(), "printed.toml", Map.of()).rules().size());
  }

  /** What an operator sets to accept what a Tecnativa section opens (sockguard refuses it unacknowledged). */
  private static final Map<String, String> READ_ACK = Map.of("SOCKGUARD_RESPONSE_INSECURE_ALLOW_READ_EXFILTRATION", "true");

  private static Map<String, String> with(Map<String, String> env, String... pairs) {
    Map<String, String> all = new java.util.HashMap<>(env);
    for (int i = 0; i < pairs.length; i += 2) {
      all.put(pairs[i], pairs[i + 1]);
    }
    return all;
  }

  @Test
  void tecnativaVariablesReplaceTheEmbeddedDefaultRules() {
    assertEquals(ExitCode.OK, run(with(READ_ACK, "CONTAINERS", "1"), "rules"));

    assertTrue(out().contains("from environment (Tecnativa docker-socket-proxy variables: CONTAINERS=1)"), out());
    assertTrue(out().contains("path = \"/containers/**\""), out());
    assertTrue(out().contains("# rule 0 from environment CONTAINERS"), out());
  }

  @Test
  void tecnativaVariablesFillAFileWithoutRules() throws Exception {
    Path file = dir.resolve("s.toml");
    Files.writeString(file, "[log]\nlevel = \"warn\"\n[response]\ninsecure_allow_read_exfiltration = true\n");

    assertEquals(ExitCode.OK, run(Map.of("IMAGES", "1"), "match", "--config", file.toString(), "GET", "/images/json"));

    assertTrue(out().contains("decision: allow"), out());
  }

  @Test
  void unacknowledgedTecnativaSurfacesAreRefusedWithAHint() {
    assertEquals(ExitCode.CONFIG_INVALID, run(Map.of("CONTAINERS", "1"), "validate"));

    assertTrue(err().contains("response.insecure_allow_read_exfiltration"), err());
    assertTrue(err().contains("these rules come from the environment (Tecnativa"), err());
  }

  @Test
  void fileRulesWinOverTecnativaVariablesAndValidateSaysSo() throws Exception {
    Path file = dir.resolve("s.toml");
    Files.writeString(file, "[[rules]]\nmatch = { method = \"GET\", path = \"/_ping\" }\naction = \"allow\"\n");

    assertEquals(ExitCode.OK, run(Map.of("CONTAINERS", "1"), "validate", "--config", file.toString()));

    assertTrue(out().contains("ok: " + file + " (1 rules)"), out());
    assertTrue(out().contains("warning: Tecnativa variables (CONTAINERS=1) are ignored because"), out());
  }

  @Test
  void validateWarnsAboutCompatSurfacesButSucceeds() {
    assertEquals(ExitCode.OK, run(with(READ_ACK, "CONTAINERS", "1", "POST", "1", "BUILD", "1"), "validate"));

    assertTrue(out().contains("warning: CONTAINERS=1 opens a read-exfiltration surface"), out());
    assertTrue(out().contains("warning: POST=1 with BUILD=1 opens a blind-write surface"), out());
  }

  @Test
  void signedConfigValidatesAndNamesItsSigner() throws Exception {
    KeyPair pair = p256();
    Path file = signedConfig(pair);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(dir.resolve("s.toml.sig"), Base64.getEncoder().encode(sign(pair, bytes)));

    assertEquals(ExitCode.OK, run(Map.of(), "validate", "--config", file.toString()));

    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    assertTrue(out().contains("signed by: " + signerId(pair) + " (config_sha256 " + sha + ")"), out());
  }

  @Test
  void serveRefusesToStartWithoutAValidSignature() throws Exception {
    KeyPair pair = p256();
    Path file = signedConfig(pair);
    Files.write(dir.resolve("s.toml.sig"), Base64.getEncoder().encode(sign(p256(), Files.readAllBytes(file))));

    assertEquals(ExitCode.CONFIG_INVALID, run(Map.of(), "serve", "--config", file.toString()));

    assertTrue(err().contains("is refused: the signature in"), err());
    assertTrue(err().contains(signerId(pair)), err());
  }

  @Test
  void signedFileIsNotWidenedByTecnativaVariables() throws Exception {
    KeyPair pair = p256();
    Path file = dir.resolve("s.toml");
    Files.writeString(
        file,
        "[policy_bundle]\nenabled = true\nallowed_signing_keys = [\"\"\"\n" + pem(pair) + "\"\"\"]\n");
    Files.write(dir.resolve("s.toml.sig"), Base64.getEncoder().encode(sign(pair, Files.readAllBytes(file))));

    assertEquals(
        ExitCode.OK, run(Map.of("CONTAINERS", "1"), "match", "--config", file.toString(), "GET", "/containers/json"));

    assertTrue(out().contains("decision: deny"), out());
  }

  @Test
  void suggestPrintsRulesAndCheckFailsForAMissingOne() throws Exception {
    Path log = dir.resolve("access.log");
    Files.writeString(
        log,
        """
        {"msg":"request","method":"GET","normalized_path":"/containers/ab12/json","route":"/containers/{id}/json","decision":"would_deny","profile":"default"}
        {"msg":"request","method":"HEAD","normalized_path":"/_ping","route":"/_ping","decision":"allow","profile":"default"}
        """);

    assertEquals(ExitCode.OK, run(Map.of(), "suggest", "--from", log.toString()));
    Path suggested = dir.resolve("suggested.toml");
    Files.writeString(suggested, out());
    assertTrue(out().contains("path = \"/containers/*/json\""), out());

    out.reset();
    assertEquals(ExitCode.OK, run(Map.of(), "suggest", "--from", log.toString(), "--check", "--config",
        suggested.toString()));
    assertTrue(out().contains("all allowed"), out());

    out.reset();
    assertEquals(ExitCode.USAGE, run(Map.of(), "suggest", "--from", log.toString(), "--check"));
    assertTrue(err().contains("--check needs --config"), err());

    Path narrow = dir.resolve("narrow.toml");
    Files.writeString(narrow, "[[rules]]\nmatch = { method = \"HEAD\", path = \"/_ping\" }\naction = \"allow\"\n");
    assertEquals(
        ExitCode.CONFIG_INVALID,
        run(Map.of(), "suggest", "--from", log.toString(), "--check", "--config", narrow.toString()));
    assertTrue(out().contains("would deny: GET /containers/ab12/json (1x, no_matching_allow_rule)"), out());
  }

  @Test
  void suggestNeedsALog() {
    assertEquals(ExitCode.USAGE, run(Map.of(), "suggest"));
    assertTrue(err().contains("suggest needs --from LOG"), err());
  }

  private Path signedConfig(KeyPair pair) throws Exception {
    Path file = dir.resolve("s.toml");
    Files.writeString(
        file,
        "[policy_bundle]\nenabled = true\nallowed_signing_keys = [\"\"\"\n" + pem(pair) + "\"\"\"]\n"
            + "[[rules]]\nmatch = { method = \"GET\", path = \"/_ping\" }\naction = \"allow\"\n");
    return file;
  }

  private static KeyPair p256() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static byte[] sign(KeyPair pair, byte[] data) throws Exception {
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(pair.getPrivate());
    signer.update(data);
    return signer.sign();
  }

  private static String pem(KeyPair pair) {
    return "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  private static String signerId(KeyPair pair) throws Exception {
    return "keyed:"
        + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded()));
  }
}
