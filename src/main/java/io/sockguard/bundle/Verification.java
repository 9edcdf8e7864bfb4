package io.sockguard.bundle;

import java.util.Objects;

/**
 * A configuration file whose signature checked out. Immutable.
 *
 * @param signer {@code keyed:} plus the lower-case hex SHA-256 of the signing key's SubjectPublicKeyInfo DER, the same
 *     for a key however its PEM is wrapped
 * @param configSha256 lower-case hex SHA-256 of the exact file bytes that were verified and then parsed
 * @param algorithm the signature scheme that verified: {@code ECDSA-P256-SHA256}, {@code Ed25519},
 *     {@code RSA-PKCS1-SHA256} or {@code RSA-PSS-SHA256}
 * @param signatureFormat {@code detached} (base64 or raw signature file) or {@code cosign-bundle}
 */
public record Verification(String signer, String configSha256, String algorithm, String signatureFormat) {
  public Verification {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(configSha256, "configSha256");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(signatureFormat, "signatureFormat");
  }
}
