package io.sockguard.bundle;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.HexFormat;

/** Test keys and signatures made with the JDK. */
final class Keys {
  private Keys() {}

  static KeyPair ecP256() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  static KeyPair ecP384() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp384r1"));
    return generator.generateKeyPair();
  }

  static KeyPair ed25519() throws GeneralSecurityException {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  static KeyPair rsa(int bits) throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    return generator.generateKeyPair();
  }

  static String pem(PublicKey key) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  static String signerId(PublicKey key) throws GeneralSecurityException {
    return "keyed:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
  }

  /** Signs with the algorithm that suits {@code key}: SHA256withECDSA, Ed25519 or SHA256withRSA. */
  static byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "EC" -> "SHA256withECDSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          case "RSA" -> "SHA256withRSA";
          default -> throw new IllegalArgumentException(key.getAlgorithm());
        };
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(data);
    return signer.sign();
  }

  static byte[] signRsaPss(PrivateKey key, byte[] data, int salt) throws GeneralSecurityException {
    Signature signer = Signature.getInstance("RSASSA-PSS");
    signer.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, salt, 1));
    signer.initSign(key);
    signer.update(data);
    return signer.sign();
  }

  static String sha256Base64(byte[] data) throws GeneralSecurityException {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
  }

  /** A sigstore bundle (v0.3 layout) for a keyed signature, as cosign sign-blob --key --bundle writes it. */
  static String cosignBundle(byte[] signature, String digestBase64) {
    return """
        {"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json",
         "verificationMaterial":{"publicKey":{"hint":"test"},"tlogEntries":[]},
         "messageSignature":{"messageDigest":{"algorithm":"SHA2_256","digest":"%s"},"signature":"%s"}}
        """
        .formatted(digestBase64, Base64.getEncoder().encodeToString(signature));
  }
}
