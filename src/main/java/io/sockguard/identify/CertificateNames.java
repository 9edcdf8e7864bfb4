package io.sockguard.identify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The names selectors compare: subject common names, subject alternative names by type, and the public key pin.
 * Common names come straight from the DER subject rather than from a parsed string form, so escaping rules of the
 * RFC 2253 text cannot make two different names look alike.
 */
final class CertificateNames {

  static final int SAN_DNS = 2;
  static final int SAN_URI = 6;
  static final int SAN_IP = 7;

  private static final byte[] CN_OID = {0x55, 0x04, 0x03};

  private CertificateNames() {}

  /** Every {@code CN} attribute of the subject, in order; empty when the subject is malformed or has none. */
  static List<String> commonNames(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    try {
      Der name = new Der(certificate.getSubjectX500Principal().getEncoded());
      Der rdns = name.enter(0x30);
      while (rdns.hasMore()) {
        Der set = rdns.enter(0x31);
        while (set.hasMore()) {
          Der attribute = set.enter(0x30);
          byte[] oid = attribute.value(0x06);
          int tag = attribute.peekTag();
          byte[] value = attribute.value(tag);
          if (Arrays.equals(oid, CN_OID)) {
            String text = text(tag, value);
            if (text != null) {
              names.add(text);
            }
          }
        }
      }
    } catch (IllegalArgumentException e) {
      return List.of();
    }
    return names;
  }

  /** The subject alternative names of {@code type} (2 DNS, 6 URI, 7 IP), as the JDK renders them. */
  static List<String> alternativeNames(X509Certificate certificate, int type) {
    Collection<List<?>> all;
    try {
      all = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return List.of();
    }
    if (all == null) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (List<?> entry : all) {
      if (entry.size() >= 2 && entry.get(0) instanceof Integer t && t == type && entry.get(1) instanceof String s) {
        names.add(type == SAN_DNS ? s.toLowerCase(Locale.ROOT) : s);
      }
    }
    return names;
  }

  /** SHA-256 of the DER SubjectPublicKeyInfo, as lower-case hex (the form the config normalises pins to). */
  static String publicKeyPin(X509Certificate certificate) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String text(int tag, byte[] value) {
    return switch (tag) {
      case 0x0C -> new String(value, StandardCharsets.UTF_8); // UTF8String
      case 0x13, 0x16 -> new String(value, StandardCharsets.US_ASCII); // PrintableString, IA5String
      case 0x14 -> new String(value, StandardCharsets.ISO_8859_1); // TeletexString, as everyone reads it
      case 0x1E -> new String(value, StandardCharsets.UTF_16BE); // BMPString
      default -> null;
    };
  }

  /** Just enough DER to walk a Name: definite lengths, single-byte tags. */
  private static final class Der {
    private final byte[] bytes;
    private int position;
    private final int end;

    Der(byte[] bytes) {
      this(bytes, 0, bytes.length);
    }

    private Der(byte[] bytes, int start, int end) {
      this.bytes = bytes;
      this.position = start;
      this.end = end;
    }

    boolean hasMore() {
      return position < end;
    }

    int peekTag() {
      require(position < end);
      return bytes[position] & 0xff;
    }

    Der enter(int tag) {
      int length = header(tag);
      Der inner = new Der(bytes, position, position + length);
      position += length;
      return inner;
    }

    byte[] value(int tag) {
      int length = header(tag);
      byte[] value = Arrays.copyOfRange(bytes, position, position + length);
      position += length;
      return value;
    }

    private int header(int tag) {
      require(position + 2 <= end && (bytes[position] & 0xff) == tag);
      position++;
      int first = bytes[position++] & 0xff;
      int length;
      if (first < 0x80) {
        length = first;
      } else {
        int count = first & 0x7f;
        require(count >= 1 && count <= 3 && position + count <= end);
        length = 0;
        for (int i = 0; i < count; i++) {
          length = (length << 8) | (bytes[position++] & 0xff);
        }
      }
      require(position + length <= end);
      return length;
    }

    private static void require(boolean condition) {
      if (!condition) {
        throw new IllegalArgumentException("malformed DER");
      }
    }
  }
}
