package io.sockguard.bundle;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks that a configuration file's exact bytes carry a signature from one of the allowed keys, using only the JDK's
 * own providers: ECDSA P-256 with SHA-256 (DER signatures, as {@code cosign sign-blob --key} makes), Ed25519 (pure,
 * over the file), and RSA with SHA-256 (PKCS#1 v1.5, or PSS with MGF1-SHA-256 and a digest-length or maximal salt).
 *
 * <p>Immutable and thread-safe once built; {@link java.security.Signature} objects are made per call.
 */
public final class ConfigSignatureVerifier {
  private final List<TrustedKey> keys;

  private ConfigSignatureVerifier(List<TrustedKey> keys) {
    this.keys = keys;
  }

  /**
   * Decodes the allowed keys.
   *
   * @param pems PEM {@code PUBLIC KEY} blocks, as {@code policy_bundle.allowed_signing_keys} holds them
   * @throws SignatureRejectedException if there is no key, or one is not a usable P-256, Ed25519 or RSA ≥ 2048 key
   */
  public static ConfigSignatureVerifier of(List<String> pems) throws SignatureRejectedException {
    if (pems.isEmpty()) {
      throw new SignatureRejectedException("policy_bundle.allowed_signing_keys is empty, so no signature can be trusted");
    }
    List<TrustedKey> keys = new ArrayList<>();
    for (int i = 0; i < pems.size(); i++) {
      keys.add(TrustedKey.fromPem(pems.get(i), i));
    }
    return new ConfigSignatureVerifier(List.copyOf(keys));
  }

  /** The {@code keyed:<spki sha256>} identities of the allowed keys, in configuration order. */
  public List<String> keyIds() {
    return keys.stream().map(TrustedKey::id).toList();
  }

  /**
   * Verifies {@code signatureFile} (detached base64 or raw signature, or cosign bundle JSON) over {@code configBytes}.
   *
   * @param configName the config file's name, for messages
   * @param signatureName the signature file's name, for messages
   * @return the signer and the file's SHA-256
   * @throws SignatureRejectedException naming the file, its SHA-256 and the keys tried
   */
  public Verification verify(byte[] configBytes, byte[] signatureFile, String configName, String signatureName)
      throws SignatureRejectedException {
    byte[] sha256 = TrustedKey.sha256(configBytes);
    String sha256Hex = HexFormat.of().formatHex(sha256);
    SignatureFile parsed = SignatureFile.parse(signatureFile, signatureName);
    if (parsed.digest() != null && !MessageDigest.isEqual(parsed.digest(), sha256)) {
      throw new SignatureRejectedException(
          "cosign bundle " + signatureName + " was made for a file with SHA-256 "
              + HexFormat.of().formatHex(parsed.digest()) + ", but " + configName + " has SHA-256 " + sha256Hex);
    }
    for (TrustedKey key : keys) {
      for (TrustedKey.SignatureCheck check : key.checks()) {
        if (verifies(key, check, configBytes, parsed.signature())) {
          return new Verification(key.id(), sha256Hex, check.name(), parsed.format());
        }
      }
    }
    throw new SignatureRejectedException(
        "the signature in " + signatureName + " does not verify " + configName + " (SHA-256 " + sha256Hex
            + ") with any allowed key: " + String.join(", ", keyIds()));
  }

  private static boolean verifies(TrustedKey key, TrustedKey.SignatureCheck check, byte[] data, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(check.jdkAlgorithm());
      if (check.pssSalt() != null) {
        if (check.pssSalt() < 0) {
          return false;
        }
        verifier.setParameter(
            new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, check.pssSalt(), 1));
      }
      verifier.initVerify(key.key());
      verifier.update(data);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // A malformed signature (bad DER, wrong length) is a failed verification, not an error: try the next key.
      return false;
    }
  }
}
