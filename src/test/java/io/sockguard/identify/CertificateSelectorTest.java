package io.sockguard.identify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sockguard.config.CertificateSelectorConfig;
import io.sockguard.testing.TestPki;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Selectors over a verified leaf: fields ANDed, entries ORed, names compared exactly (DNS case-insensitively). */
class CertificateSelectorTest {
  @TempDir static Path temp;
  private static X509Certificate leaf;
  private static String pinHex;
  private static String otherPin;

  @BeforeAll
  static void issue() throws Exception {
    TestPki pki = TestPki.create(temp, "ca");
    TestPki.Issued issued =
        pki.issue(
            "dash", "dashboard", "DNS:Dash.Example.org", "IP:10.0.0.7", "IP:fd00::7",
            "URI:spiffe://example.org/ns/web/dashboard");
    try (InputStream in = Files.newInputStream(issued.cert())) {
      leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    pinHex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(leaf.getPublicKey().getEncoded()));
    otherPin = "00".repeat(32);
  }

  private static CertificateSelectorConfig selector(
      List<String> cn, List<String> dns, List<String> ip, List<String> uri, List<String> pins, List<String> spiffe) {
    return new CertificateSelectorConfig(cn, dns, ip, uri, pins, spiffe);
  }

  static Stream<Arguments> cases() {
    List<String> none = List.of();
    return Stream.of(
        Arguments.of("no condition", selector(none, none, none, none, none, none), true),
        Arguments.of("common name", selector(List.of("dashboard"), none, none, none, none, none), true),
        Arguments.of("one of two common names", selector(List.of("admin", "dashboard"), none, none, none, none, none), true),
        Arguments.of("common name is case-sensitive", selector(List.of("Dashboard"), none, none, none, none, none), false),
        Arguments.of("other common name", selector(List.of("admin"), none, none, none, none, none), false),
        Arguments.of("dns name in another case", selector(none, List.of("dash.example.org"), none, none, none, none), true),
        Arguments.of("common name is not a dns name", selector(none, List.of("dashboard"), none, none, none, none), false),
        Arguments.of("ipv4 san", selector(none, none, List.of("10.0.0.7"), none, none, none), true),
        Arguments.of("ipv6 san", selector(none, none, List.of("fd00:0:0:0:0:0:0:7"), none, none, none), true),
        Arguments.of("other ip", selector(none, none, List.of("10.0.0.8"), none, none, none), false),
        Arguments.of("uri san", selector(none, none, none, List.of("spiffe://example.org/ns/web/dashboard"), none, none), true),
        Arguments.of("uri prefix is not enough", selector(none, none, none, List.of("spiffe://example.org/ns/web"), none, none), false),
        Arguments.of("spiffe id", selector(none, none, none, none, none, List.of("spiffe://example.org/ns/web/dashboard")), true),
        Arguments.of("other spiffe id", selector(none, none, none, none, none, List.of("spiffe://example.org/ns/db")), false),
        Arguments.of("pin", selector(none, none, none, none, List.of("PIN"), none), true),
        Arguments.of("other pin", selector(none, none, none, none, List.of("OTHER"), none), false),
        Arguments.of("all fields match", selector(List.of("dashboard"), List.of("dash.example.org"), List.of("10.0.0.7"),
            List.of("spiffe://example.org/ns/web/dashboard"), List.of("PIN"), none), true),
        Arguments.of("fields are ANDed", selector(List.of("dashboard"), List.of("other.example.org"), none, none, none, none), false),
        Arguments.of("entries are ORed", selector(none, none, List.of("10.9.9.9", "10.0.0.7"), none, none, none), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesVerifiedLeaf(String name, CertificateSelectorConfig config, boolean expected) {
    CertificateSelectorConfig withPins =
        new CertificateSelectorConfig(
            config.commonNames(), config.dnsNames(), config.ipAddresses(), config.uriSans(),
            config.publicKeySha256Pins().stream().map(p -> p.equals("PIN") ? pinHex : otherPin).toList(),
            config.spiffeIds());

    assertEquals(expected, CertificateSelector.of(withPins).matches(leaf));
  }

  @Test
  void readsCommonNameFromTheDerSubject() {
    assertEquals(List.of("dashboard"), CertificateNames.commonNames(leaf));
  }

  @Test
  void pinIsSha256OfTheSubjectPublicKeyInfo() throws Exception {
    String base64 = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(pinHex));

    assertEquals(pinHex, CertificateNames.publicKeyPin(leaf));
    assertEquals(44, base64.length());
  }
}
