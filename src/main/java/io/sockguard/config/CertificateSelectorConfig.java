package io.sockguard.config;

import java.util.List;

/**
 * Which verified client certificates a selector accepts. Each non-empty field must match (fields are ANDed); within a
 * field any entry may match (entries are ORed); an empty field places no condition. Values are validated by the
 * loader. Immutable.
 *
 * @param commonNames exact subject common names
 * @param dnsNames DNS subject alternative names, compared case-insensitively (no wildcards)
 * @param ipAddresses IP subject alternative names (literals)
 * @param uriSans exact URI subject alternative names
 * @param publicKeySha256Pins SHA-256 of the certificate's SubjectPublicKeyInfo, as 64 hex digits or base64
 * @param spiffeIds exact {@code spiffe://} URI subject alternative names (profile selectors only)
 */
public record CertificateSelectorConfig(
    List<String> commonNames,
    List<String> dnsNames,
    List<String> ipAddresses,
    List<String> uriSans,
    List<String> publicKeySha256Pins,
    List<String> spiffeIds) {

  /** Accepts every certificate the CA verified. */
  public static final CertificateSelectorConfig ANY =
      new CertificateSelectorConfig(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

  public CertificateSelectorConfig {
    commonNames = List.copyOf(commonNames);
    dnsNames = List.copyOf(dnsNames);
    ipAddresses = List.copyOf(ipAddresses);
    uriSans = List.copyOf(uriSans);
    publicKeySha256Pins = List.copyOf(publicKeySha256Pins);
    spiffeIds = List.copyOf(spiffeIds);
  }

  /** Whether no field places a condition. */
  public boolean isEmpty() {
    return commonNames.isEmpty()
        && dnsNames.isEmpty()
        && ipAddresses.isEmpty()
        && uriSans.isEmpty()
        && publicKeySha256Pins.isEmpty()
        && spiffeIds.isEmpty();
  }
}
