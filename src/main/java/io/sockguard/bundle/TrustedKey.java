package io.sockguard.bundle;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * One allowed signing key, decoded from PEM once. Immutable.
 *
 * @param id {@code keyed:<sha256 hex of the SPKI DER>}
 * @param scheme how its signatures are checked
 */
record TrustedKey(String id, PublicKey key, Scheme scheme) {

  /** The key types accepted; each names the JDK algorithms that verify it. */
  enum Scheme {
    ECDSA_P256,
    ED25519,
    RSA
  }

  /** RSA keys below this size are refused: 2048 bits is the floor NIST SP 800-131A allows for signatures. */
  static final int MIN_RSA_BITS = 2048;

  private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String END = "-----END PUBLIC KEY-----";

  /**
   * Decodes one PEM {@code PUBLIC KEY} block.
   *
   * @param position 0-based index in {@code allowed_signing_keys}, for messages
   */
  static TrustedKey fromPem(String pem, int position) throws SignatureRejectedException {
    String text = pem.strip();
    if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
      throw new SignatureRejectedException(
          "policy_bundle.allowed_signing_keys[" + position + "] is not a PEM PUBLIC KEY block");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(BEGIN.length(), text.length() - END.length()));
    } catch (IllegalArgumentException e) {
      throw new SignatureRejectedException(
          "policy_bundle.allowed_signing_keys[" + position + "] is not valid base64", e);
    }
    String id = "keyed:" + sha256Hex(der);
    for (Scheme scheme : Scheme.values()) {
      PublicKey key = decode(der, scheme);
      if (key != null) {
        check(key, scheme, id);
        return new TrustedKey(id, key, scheme);
      }
    }
    throw new SignatureRejectedException(
        "policy_bundle.allowed_signing_keys[" + position + "] (" + id
            + ") is not an ECDSA P-256, Ed25519 or RSA SubjectPublicKeyInfo");
  }

  private static PublicKey decode(byte[] der, Scheme scheme) {
    String algorithm =
        switch (scheme) {
          case ECDSA_P256 -> "EC";
          case ED25519 -> "Ed25519";
          case RSA -> "RSA";
        };
    try {
      return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return null; // not this key type; the caller tries the next
    }
  }

  private static void check(PublicKey key, Scheme scheme, String id) throws SignatureRejectedException {
    switch (scheme) {
      case ECDSA_P256 -> {
        // cosign's keys are P-256; other curves would verify with SHA-256 too but are not what anyone signs with here.
        if (!isP256(((ECPublicKey) key).getParams())) {
          throw new SignatureRejectedException("signing key " + id + " is an EC key on a curve other than P-256");
        }
      }
      case RSA -> {
        int bits = ((RSAPublicKey) key).getModulus().bitLength();
        if (bits < MIN_RSA_BITS) {
          throw new SignatureRejectedException(
              "signing key " + id + " is RSA-" + bits + "; at least " + MIN_RSA_BITS + " bits are required");
        }
      }
      case ED25519 -> {}
    }
  }

  private static boolean isP256(ECParameterSpec params) {
    try {
      AlgorithmParameters p256 = AlgorithmParameters.getInstance("EC");
      p256.init(new ECGenParameterSpec("secp256r1"));
      ECParameterSpec expected = p256.getParameterSpec(ECParameterSpec.class);
      return params.getCurve().equals(expected.getCurve())
          && params.getGenerator().equals(expected.getGenerator())
          && params.getOrder().equals(expected.getOrder());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks secp256r1", e);
    }
  }

  /** The JDK signature algorithms to try for this key, strongest convention first. */
  List<SignatureCheck> checks() {
    return switch (scheme) {
      case ECDSA_P256 -> List.of(new SignatureCheck("ECDSA-P256-SHA256", "SHA256withECDSA", null));
      case ED25519 -> List.of(new SignatureCheck("Ed25519", "Ed25519", null));
      case RSA -> {
        int modulusBytes = (((RSAPublicKey) key).getModulus().bitLength() + 7) / 8;
        // PSS salt: openssl and most signers use the digest length; OpenSSL 1.1/3.0 default to the maximum.
        int maxSalt = modulusBytes - 32 - 2;
        yield List.of(
            new SignatureCheck("RSA-PKCS1-SHA256", "SHA256withRSA", null),
            new SignatureCheck("RSA-PSS-SHA256", "RSASSA-PSS", 32),
            new SignatureCheck("RSA-PSS-SHA256", "RSASSA-PSS", maxSalt));
      }
    };
  }

  /** One way to verify: a JDK algorithm name and, for PSS, the salt length. */
  record SignatureCheck(String name, String jdkAlgorithm, Integer pssSalt) {}

  static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks SHA-256", e);
    }
  }
}
