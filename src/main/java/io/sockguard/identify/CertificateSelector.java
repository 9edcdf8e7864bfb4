package io.sockguard.identify;

import io.sockguard.config.CertificateSelectorConfig;
import io.sockguard.config.Cidr;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

/**
 * A compiled {@link CertificateSelectorConfig}: each non-empty field must match (AND), any entry of a field may match
 * (OR). Applied only to certificates the TLS layer already verified against the client CA. Immutable and
 * thread-safe.
 */
public final class CertificateSelector {
  private final List<String> commonNames;
  private final List<String> dnsNames;
  private final List<InetAddress> ipAddresses;
  private final List<String> uriSans;
  private final List<String> pins;
  private final List<String> spiffeIds;

  private CertificateSelector(CertificateSelectorConfig config) {
    this.commonNames = config.commonNames();
    this.dnsNames = config.dnsNames().stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    this.ipAddresses = config.ipAddresses().stream().map(CertificateSelector::literal).toList();
    this.uriSans = config.uriSans();
    this.pins = config.publicKeySha256Pins().stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
    this.spiffeIds = config.spiffeIds();
  }

  public static CertificateSelector of(CertificateSelectorConfig config) {
    return new CertificateSelector(config);
  }

  /** Whether no field places a condition (every verified certificate matches). */
  public boolean acceptsAll() {
    return commonNames.isEmpty()
        && dnsNames.isEmpty()
        && ipAddresses.isEmpty()
        && uriSans.isEmpty()
        && pins.isEmpty()
        && spiffeIds.isEmpty();
  }

  public boolean matches(X509Certificate leaf) {
    return (commonNames.isEmpty() || anyIn(CertificateNames.commonNames(leaf), commonNames))
        && (dnsNames.isEmpty() || anyIn(CertificateNames.alternativeNames(leaf, CertificateNames.SAN_DNS), dnsNames))
        && (ipAddresses.isEmpty() || anyIp(leaf))
        && (uriSans.isEmpty() || anyIn(CertificateNames.alternativeNames(leaf, CertificateNames.SAN_URI), uriSans))
        && (spiffeIds.isEmpty() || anyIn(CertificateNames.alternativeNames(leaf, CertificateNames.SAN_URI), spiffeIds))
        && (pins.isEmpty() || pins.contains(CertificateNames.publicKeyPin(leaf)));
  }

  private static boolean anyIn(List<String> present, List<String> wanted) {
    for (String name : present) {
      if (wanted.contains(name)) {
        return true;
      }
    }
    return false;
  }

  private boolean anyIp(X509Certificate leaf) {
    for (String text : CertificateNames.alternativeNames(leaf, CertificateNames.SAN_IP)) {
      InetAddress present = literal(text);
      if (present != null && ipAddresses.contains(present)) {
        return true;
      }
    }
    return false;
  }

  /** An IP literal's address, parsed without any name lookup; null if it is not a literal. */
  private static InetAddress literal(String text) {
    try {
      return Cidr.parse(text).network();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
