package io.sockguard.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificates and PKCS#8 private keys with the JDK alone. Every failure is an
 * {@link IllegalArgumentException} whose message, appended to the key's name, tells the operator what to fix.
 */
final class PemFiles {

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS");
  private static final byte[] PROBE = "sockguard key check".getBytes(StandardCharsets.US_ASCII);

  private PemFiles() {}

  /** Every {@code CERTIFICATE} block of {@code file}, in order; at least one. */
  static List<X509Certificate> certificates(Path file) {
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block block : blocks(file)) {
        if (block.label().equals("CERTIFICATE")) {
          certificates.add(
              (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
        }
      }
    } catch (CertificateException e) {
      throw new IllegalArgumentException(file + " holds a certificate that cannot be parsed: " + e.getMessage());
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no PEM \"CERTIFICATE\" block");
    }
    return certificates;
  }

  /** The one {@code PRIVATE KEY} (PKCS#8) block of {@code file}. */
  static PrivateKey privateKey(Path file) {
    List<Block> blocks = blocks(file);
    for (Block block : blocks) {
      switch (block.label()) {
        case "PRIVATE KEY" -> {
          return decode(file, block.der());
        }
        case "RSA PRIVATE KEY", "EC PRIVATE KEY" ->
            throw new IllegalArgumentException(
                file + " holds a \"" + block.label() + "\" (PKCS#1/SEC1); convert it to PKCS#8 with"
                    + " openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName() + " -out key.pem");
        case "ENCRYPTED PRIVATE KEY" ->
            throw new IllegalArgumentException(
                file + " holds an encrypted key; sockguard needs an unencrypted PKCS#8 key (protect it with file"
                    + " permissions), e.g. openssl pkcs8 -topk8 -nocrypt");
        default -> {}
      }
    }
    throw new IllegalArgumentException(file + " holds no PEM \"PRIVATE KEY\" (PKCS#8) block");
  }

  /** Refuses a key that does not belong to {@code certificate}: TLS would fail at the first handshake otherwise. */
  static void checkPair(X509Certificate certificate, PrivateKey key) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          case "EdDSA", "Ed25519", "Ed448" -> key.getAlgorithm();
          default -> null;
        };
    if (algorithm == null) {
      return;
    }
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(PROBE);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // a key of another type than the certificate's: reported below
    }
    throw new IllegalArgumentException(
        "the key does not belong to the certificate " + certificate.getSubjectX500Principal().getName());
  }

  private static PrivateKey decode(Path file, byte[] der) {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new IllegalArgumentException(file + " holds a PKCS#8 key that is not RSA, EC or EdDSA");
  }

  private record Block(String label, byte[] der) {}

  private static List<Block> blocks(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
    List<Block> blocks = new ArrayList<>();
    Matcher matcher = BLOCK.matcher(text);
    while (matcher.find()) {
      try {
        blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(file + " has a \"" + matcher.group(1) + "\" block that is not base64");
      }
    }
    return blocks;
  }
}
