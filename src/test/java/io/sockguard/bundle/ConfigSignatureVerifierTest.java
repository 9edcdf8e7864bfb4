package io.sockguard.bundle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigSignatureVerifierTest {
  private static final byte[] CONFIG =
      "[[rules]]\nmatch = { method = \"GET\", path = \"/_ping\" }\naction = \"allow\"\n".getBytes(UTF_8);

  interface Signer {
    byte[] sign(KeyPair pair, byte[] data) throws GeneralSecurityException;
  }

  interface KeyMaker {
    KeyPair make() throws GeneralSecurityException;
  }

  static Stream<Arguments> schemes() {
    Signer plain = (pair, data) -> Keys.sign(pair.getPrivate(), data);
    return Stream.of(
        Arguments.of("ecdsa p-256", (KeyMaker) Keys::ecP256, plain, "ECDSA-P256-SHA256"),
        Arguments.of("ed25519", (KeyMaker) Keys::ed25519, plain, "Ed25519"),
        Arguments.of("rsa-2048 pkcs1", (KeyMaker) () -> Keys.rsa(2048), plain, "RSA-PKCS1-SHA256"),
        Arguments.of(
            "rsa-2048 pss salt 32",
            (KeyMaker) () -> Keys.rsa(2048),
            (Signer) (pair, data) -> Keys.signRsaPss(pair.getPrivate(), data, 32),
            "RSA-PSS-SHA256"),
        Arguments.of(
            "rsa-3072 pss max salt",
            (KeyMaker) () -> Keys.rsa(3072),
            (Signer) (pair, data) -> Keys.signRsaPss(pair.getPrivate(), data, 384 - 32 - 2),
            "RSA-PSS-SHA256"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  void acceptsDetachedBase64Signature(String name, KeyMaker keys, Signer signer, String algorithm)
      throws Exception {
    KeyPair pair = keys.make();
    byte[] signature = Base64.getEncoder().encode(signer.sign(pair, CONFIG));

    Verification v = verifier(pair).verify(CONFIG, signature, "c.toml", "c.toml.sig");

    assertEquals(Keys.signerId(pair.getPublic()), v.signer());
    assertEquals(algorithm, v.algorithm());
    assertEquals("detached", v.signatureFormat());
    assertEquals(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(CONFIG)),
        v.configSha256());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  void acceptsCosignBundle(String name, KeyMaker keys, Signer signer, String algorithm) throws Exception {
    KeyPair pair = keys.make();
    String bundle = Keys.cosignBundle(signer.sign(pair, CONFIG), Keys.sha256Base64(CONFIG));

    Verification v = verifier(pair).verify(CONFIG, bundle.getBytes(UTF_8), "c.toml", "c.bundle");

    assertEquals(Keys.signerId(pair.getPublic()), v.signer());
    assertEquals("cosign-bundle", v.signatureFormat());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemes")
  void refusesOneChangedByte(String name, KeyMaker keys, Signer signer, String algorithm) throws Exception {
    KeyPair pair = keys.make();
    byte[] signature = Base64.getEncoder().encode(signer.sign(pair, CONFIG));
    byte[] tampered = CONFIG.clone();
    tampered[tampered.length - 3] ^= 1;

    SignatureRejectedException e =
        assertThrows(
            SignatureRejectedException.class,
            () -> verifier(pair).verify(tampered, signature, "c.toml", "c.toml.sig"));

    assertTrue(e.getMessage().contains(Keys.signerId(pair.getPublic())), e.getMessage());
  }

  @Test
  void acceptsOldCosignBundleBase64Signature() throws Exception {
    KeyPair pair = Keys.ecP256();
    String bundle =
        "{\"base64Signature\":\"" + Base64.getEncoder().encodeToString(Keys.sign(pair.getPrivate(), CONFIG))
            + "\",\"cert\":\"\"}";

    assertEquals(
        Keys.signerId(pair.getPublic()),
        verifier(pair).verify(CONFIG, bundle.getBytes(UTF_8), "c", "b").signer());
  }

  @Test
  void acceptsRawBinarySignature() throws Exception {
    KeyPair pair = Keys.ecP256();

    assertEquals(
        Keys.signerId(pair.getPublic()),
        verifier(pair).verify(CONFIG, Keys.sign(pair.getPrivate(), CONFIG), "c", "s").signer());
  }

  @Test
  void picksTheAllowedKeyThatSigned() throws Exception {
    KeyPair other = Keys.ed25519();
    KeyPair signer = Keys.ecP256();
    ConfigSignatureVerifier verifier =
        ConfigSignatureVerifier.of(List.of(Keys.pem(other.getPublic()), Keys.pem(signer.getPublic())));
    byte[] signature = Base64.getEncoder().encode(Keys.sign(signer.getPrivate(), CONFIG));

    assertEquals(Keys.signerId(signer.getPublic()), verifier.verify(CONFIG, signature, "c", "s").signer());
  }

  @Test
  void refusesSignatureByKeyNotAllowedAndNamesTheAllowedOnes() throws Exception {
    KeyPair allowed = Keys.ecP256();
    KeyPair stranger = Keys.ecP256();
    byte[] signature = Base64.getEncoder().encode(Keys.sign(stranger.getPrivate(), CONFIG));

    SignatureRejectedException e =
        assertThrows(
            SignatureRejectedException.class, () -> verifier(allowed).verify(CONFIG, signature, "c.toml", "c.sig"));

    assertTrue(e.getMessage().contains("does not verify c.toml"), e.getMessage());
    assertTrue(e.getMessage().contains(Keys.signerId(allowed.getPublic())), e.getMessage());
  }

  @Test
  void refusesBundleWhoseDigestIsForAnotherFile() throws Exception {
    KeyPair pair = Keys.ecP256();
    String bundle = Keys.cosignBundle(Keys.sign(pair.getPrivate(), CONFIG), Keys.sha256Base64("other".getBytes(UTF_8)));

    SignatureRejectedException e =
        assertThrows(
            SignatureRejectedException.class,
            () -> verifier(pair).verify(CONFIG, bundle.getBytes(UTF_8), "c.toml", "c.bundle"));

    assertTrue(e.getMessage().contains("was made for a file with SHA-256"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusableBundles")
  void refusesUnusableBundle(String name, String json, String expected) throws Exception {
    KeyPair pair = Keys.ecP256();

    SignatureRejectedException e =
        assertThrows(
            SignatureRejectedException.class,
            () -> verifier(pair).verify(CONFIG, json.getBytes(UTF_8), "c.toml", "c.bundle"));

    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  static Stream<Arguments> unusableBundles() {
    return Stream.of(
        Arguments.of("not json", "{nope", "not valid JSON"),
        Arguments.of("keyless certificate",
            "{\"verificationMaterial\":{\"certificate\":{\"rawBytes\":\"AA==\"}},"
                + "\"messageSignature\":{\"signature\":\"AA==\"}}", "keyless"),
        Arguments.of("dsse attestation", "{\"dsseEnvelope\":{}}", "DSSE"),
        Arguments.of("no signature", "{\"messageSignature\":{}}", "no string messageSignature.signature"),
        Arguments.of("sha-512 digest",
            "{\"messageSignature\":{\"signature\":\"AA==\",\"messageDigest\":{\"algorithm\":\"SHA2_512\","
                + "\"digest\":\"AA==\"}}}", "only SHA2_256"),
        Arguments.of("empty object", "{}", "neither"));
  }

  @Test
  void refusesEmptySignatureFile() throws Exception {
    KeyPair pair = Keys.ecP256();

    assertThrows(
        SignatureRejectedException.class, () -> verifier(pair).verify(CONFIG, " \n".getBytes(UTF_8), "c", "s"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unusableKeys")
  void refusesUnusableKey(String name, KeyMaker keys, String expected) throws Exception {
    String pem = Keys.pem(keys.make().getPublic());

    SignatureRejectedException e =
        assertThrows(SignatureRejectedException.class, () -> ConfigSignatureVerifier.of(List.of(pem)));

    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  static Stream<Arguments> unusableKeys() {
    return Stream.of(
        Arguments.of("ecdsa p-384", (KeyMaker) Keys::ecP384, "other than P-256"),
        Arguments.of("rsa-1024", (KeyMaker) () -> Keys.rsa(1024), "RSA-1024"));
  }

  @Test
  void refusesNoKeysAtAll() {
    assertThrows(SignatureRejectedException.class, () -> ConfigSignatureVerifier.of(List.of()));
  }

  @Test
  void signerIdDoesNotDependOnPemWrapping() throws Exception {
    KeyPair pair = Keys.ed25519();
    String oneLine =
        "-----BEGIN PUBLIC KEY-----" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded())
            + "-----END PUBLIC KEY-----";

    assertEquals(
        List.of(Keys.signerId(pair.getPublic())), ConfigSignatureVerifier.of(List.of(oneLine)).keyIds());
  }

  private static ConfigSignatureVerifier verifier(KeyPair pair) throws SignatureRejectedException {
    return ConfigSignatureVerifier.of(List.of(Keys.pem(pair.getPublic())));
  }
}
