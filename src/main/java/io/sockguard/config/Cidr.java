package io.sockguard.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IP network such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address means just that address. Immutable
 * and thread-safe; {@link #contains} allocates nothing.
 *
 * @param network the network address, with the host bits cleared
 * @param prefixLength leading bits that must match, 0 to 32 (IPv4) or 128 (IPv6)
 */
public record Cidr(InetAddress network, int prefixLength) {

  public Cidr {
    Objects.requireNonNull(network, "network");
    int bits = network.getAddress().length * 8;
    if (prefixLength < 0 || prefixLength > bits) {
      throw new IllegalArgumentException("prefix length must be from 0 to " + bits);
    }
  }

  /**
   * Parses {@code address/prefix} or a bare address, without DNS. Host bits must be zero ({@code 10.1.2.3/8} is
   * refused), because such a typo usually means the writer meant another network.
   *
   * @throws IllegalArgumentException with a short reason
   */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    String host = slash < 0 ? text : text.substring(0, slash);
    byte[] address = IpLiteral.parse(host);
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String length = text.substring(slash + 1);
      if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > bits) {
        throw new IllegalArgumentException("the prefix length must be a number from 0 to " + bits);
      }
      prefix = Integer.parseInt(length);
    }
    for (int bit = prefix; bit < bits; bit++) {
      if ((address[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
        throw new IllegalArgumentException("host bits are set; did you mean " + masked(address, prefix) + "?");
      }
    }
    InetAddress network = IpLiteral.toInetAddress(address);
    if (network.getAddress().length != address.length) {
      // an IPv4-mapped IPv6 network: peers show up as plain IPv4, so it is kept in that form
      if (prefix < 96) {
        throw new IllegalArgumentException("an IPv4-mapped network needs a prefix length of at least 96");
      }
      prefix -= 96;
    }
    return new Cidr(network, prefix);
  }

  /** Whether {@code address} lies in this network; IPv4 and IPv6 never match each other. */
  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    byte[] net = network.getAddress();
    if (candidate.length != net.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (candidate[i] != net[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (candidate[full] & mask) == (net[full] & mask);
  }

  private static String masked(byte[] address, int prefix) {
    byte[] copy = address.clone();
    for (int bit = prefix; bit < copy.length * 8; bit++) {
      copy[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return IpLiteral.toInetAddress(copy).getHostAddress() + "/" + prefix;
  }

  @Override
  public String toString() {
    String host = network.getHostAddress();
    return host + "/" + prefixLength;
  }

  /** IP literals without DNS, reusing the listen address grammar (no leading zeros in IPv4, RFC 4291 IPv6). */
  static final class IpLiteral {
    private IpLiteral() {}

    static byte[] parse(String text) {
      if (text.contains(":")) {
        return ListenAddress.ipv6Bytes(text);
      }
      return ListenAddress.ipv4Bytes(text);
    }

    /** Never resolves names; an IPv4-mapped IPv6 literal becomes IPv4, as the JDK reports such peers. */
    static InetAddress toInetAddress(byte[] bytes) {
      try {
        return InetAddress.getByAddress(bytes);
      } catch (UnknownHostException impossible) {
        throw new AssertionError("address of length " + bytes.length, impossible);
      }
    }
  }
}
