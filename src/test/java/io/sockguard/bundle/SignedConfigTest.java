package io.sockguard.bundle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedConfigTest {
  @TempDir Path dir;
  private KeyPair pair;
  private Path config;

  @BeforeEach
  void writeConfig() throws Exception {
    pair = Keys.ecP256();
    config = dir.resolve("sockguard.toml");
    Files.writeString(config, signedToml(""));
  }

  private String signedToml(String signaturePath) {
    return "[policy_bundle]\nenabled = true\n"
        + (signaturePath.isEmpty() ? "" : "signature_path = \"" + signaturePath + "\"\n")
        + "allowed_signing_keys = [\"\"\"\n" + Keys.pem(pair.getPublic()) + "\"\"\"]\n"
        + "[[rules]]\nmatch = { method = \"GET\", path = \"/_ping\" }\naction = \"allow\"\n";
  }

  private void sign(Path file, Path signature) throws Exception {
    Files.write(signature, Base64.getEncoder().encode(Keys.sign(pair.getPrivate(), Files.readAllBytes(file))));
  }

  @Test
  void loadsSignedFileAndRecordsSignerAndDigest() throws Exception {
    sign(config, dir.resolve("sockguard.toml.sig"));

    SignedConfig.Loaded loaded = SignedConfig.load(config, Map.of());

    Verification v = loaded.verification().orElseThrow();
    assertEquals(Keys.signerId(pair.getPublic()), v.signer());
    assertEquals(1, loaded.config().rules().size());
  }

  @Test
  void resolvesSignaturePathAgainstTheConfigDirectory() throws Exception {
    Files.writeString(config, signedToml("sigs/policy.bundle"));
    Files.createDirectories(dir.resolve("sigs"));
    byte[] bytes = Files.readAllBytes(config);
    Files.writeString(
        dir.resolve("sigs/policy.bundle"),
        Keys.cosignBundle(Keys.sign(pair.getPrivate(), bytes), Keys.sha256Base64(bytes)));

    assertEquals(
        "cosign-bundle", SignedConfig.load(config, Map.of()).verification().orElseThrow().signatureFormat());
  }

  @Test
  void refusesMissingSignatureNamingFileAndKey() throws Exception {
    SignatureRejectedException e =
        assertThrows(SignatureRejectedException.class, () -> SignedConfig.load(config, Map.of()));

    assertTrue(e.getMessage().contains("sockguard.toml.sig does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains(Keys.signerId(pair.getPublic())), e.getMessage());
  }

  @Test
  void refusesFileEditedAfterSigning() throws Exception {
    sign(config, dir.resolve("sockguard.toml.sig"));
    Files.writeString(config, Files.readString(config).replace("/_ping", "/**"));

    SignatureRejectedException e =
        assertThrows(SignatureRejectedException.class, () -> SignedConfig.load(config, Map.of()));

    assertTrue(e.getMessage().contains("does not verify"), e.getMessage());
  }

  @Test
  void unsignedFileLoadsWhenSigningIsOff() throws Exception {
    Files.writeString(config, "[log]\nlevel = \"warn\"\n");

    assertTrue(SignedConfig.load(config, Map.of()).verification().isEmpty());
  }

  @Test
  void environmentCanDemandSignatureOfAFileThatDoesNotAskForOne() throws Exception {
    Files.writeString(config, "[log]\nlevel = \"warn\"\n");
    Map<String, String> env =
        Map.of(
            "SOCKGUARD_POLICY_BUNDLE_ENABLED", "true",
            "SOCKGUARD_POLICY_BUNDLE_ALLOWED_SIGNING_KEYS", Keys.pem(pair.getPublic()));

    assertThrows(SignatureRejectedException.class, () -> SignedConfig.load(config, env));
    sign(config, dir.resolve("sockguard.toml.sig"));
    assertTrue(SignedConfig.load(config, env).verification().isPresent());
  }

  @Test
  void embeddedDefaultCannotSatisfySigning() {
    Map<String, String> env =
        Map.of(
            "SOCKGUARD_POLICY_BUNDLE_ENABLED", "true",
            "SOCKGUARD_POLICY_BUNDLE_ALLOWED_SIGNING_KEYS", Keys.pem(pair.getPublic()));

    SignatureRejectedException e =
        assertThrows(SignatureRejectedException.class, () -> SignedConfig.load(null, env));
    assertTrue(e.getMessage().contains("no config file"), e.getMessage());
  }

  @Test
  void refusesNonUtf8FileLikeTheLoaderDoes() throws Exception {
    Files.write(config, new byte[] {'#', (byte) 0xff, '\n'});

    assertThrows(java.nio.charset.CharacterCodingException.class, () -> SignedConfig.load(config, Map.of()));
  }

  @Test
  void signedBytesAreExactlyTheParsedBytes() throws Exception {
    // A trailing newline is part of the signed content: adding one breaks the signature.
    sign(config, dir.resolve("sockguard.toml.sig"));
    Files.write(config, (Files.readString(config) + "\n").getBytes(UTF_8));

    assertThrows(SignatureRejectedException.class, () -> SignedConfig.load(config, Map.of()));
  }
}
