package io.sockguard.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A parsed {@code listen.address}: IPv4 literal, bracketed IPv6 literal or hostname, then {@code :port}. Parsing never
 * touches DNS, so loading a configuration cannot block or depend on the network; a hostname counts as loopback only
 * when it is {@code localhost}.
 */
record ListenAddress(String host, int port, boolean isLoopback) {

  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
  private static final Pattern DOTTED = Pattern.compile("[0-9.]+");
  private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
  private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

  /**
   * Parses {@code host:port}.
   *
   * @throws IllegalArgumentException with a short reason
   */
  static ListenAddress parse(String text) {
    String host;
    String afterHost;
    boolean loopback;
    if (text.startsWith("[")) {
      int close = text.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("missing ] after the IPv6 address");
      }
      host = text.substring(1, close);
      afterHost = text.substring(close + 1);
      loopback = isLoopback(ipv6(host));
    } else {
      int colon = text.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("missing :port");
      }
      host = text.substring(0, colon);
      afterHost = text.substring(colon);
      if (host.contains(":")) {
        throw new IllegalArgumentException("IPv6 addresses need brackets, like [::1]:2375");
      }
      if (DOTTED.matcher(host).matches()) {
        loopback = isLoopback(ipv4(host));
      } else {
        checkHostname(host);
        loopback = host.equalsIgnoreCase("localhost");
      }
    }
    if (!afterHost.startsWith(":")) {
      throw new IllegalArgumentException("missing :port");
    }
    return new ListenAddress(host, port(afterHost.substring(1)), loopback);
  }

  /** The four bytes of a dotted IPv4 literal; throws {@link IllegalArgumentException}. */
  static byte[] ipv4Bytes(String text) {
    if (!DOTTED.matcher(text).matches()) {
      throw new IllegalArgumentException("invalid IP address \"" + text + "\"");
    }
    return ipv4(text);
  }

  /** The sixteen bytes of an IPv6 literal (no brackets); throws {@link IllegalArgumentException}. */
  static byte[] ipv6Bytes(String text) {
    return ipv6(text);
  }

  private static int port(String text) {
    if (!PORT.matcher(text).matches() || Integer.parseInt(text) > 65535) {
      throw new IllegalArgumentException("port must be a number from 0 to 65535");
    }
    return Integer.parseInt(text);
  }

  private static byte[] ipv4(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("an IPv4 address has four parts");
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < 4; i++) {
      // Leading zeros are refused: some parsers read them as octal, so "010" would be ambiguous.
      if (!OCTET.matcher(parts[i]).matches() || Integer.parseInt(parts[i]) > 255) {
        throw new IllegalArgumentException("invalid IPv4 address \"" + text + "\"");
      }
      bytes[i] = (byte) Integer.parseInt(parts[i]);
    }
    return bytes;
  }

  private static byte[] ipv6(String text) {
    IllegalArgumentException invalid = new IllegalArgumentException("invalid IPv6 address \"" + text + "\"");
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      throw invalid;
    }
    String head = gap < 0 ? text : text.substring(0, gap);
    String tail = gap < 0 ? "" : text.substring(gap + 2);
    byte[] headBytes = groups(head, gap < 0, invalid);
    byte[] tailBytes = groups(tail, true, invalid);
    int total = headBytes.length + tailBytes.length;
    if (gap < 0 ? total != 16 : total > 14) {
      throw invalid;
    }
    byte[] bytes = new byte[16];
    System.arraycopy(headBytes, 0, bytes, 0, headBytes.length);
    System.arraycopy(tailBytes, 0, bytes, 16 - tailBytes.length, tailBytes.length);
    return bytes;
  }

  /** Colon-separated hex groups; the last may be a dotted IPv4 address when it ends the whole literal. */
  private static byte[] groups(String text, boolean endsLiteral, IllegalArgumentException invalid) {
    if (text.isEmpty()) {
      return new byte[0];
    }
    String[] parts = text.split(":", -1);
    byte[] bytes = new byte[parts.length * 2 + 2];
    int length = 0;
    for (int i = 0; i < parts.length; i++) {
      boolean last = i == parts.length - 1;
      if (last && endsLiteral && parts[i].contains(".")) {
        byte[] v4 = ipv4(parts[i]);
        System.arraycopy(v4, 0, bytes, length, 4);
        length += 4;
      } else if (HEX_GROUP.matcher(parts[i]).matches()) {
        int value = Integer.parseInt(parts[i], 16);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
      } else {
        throw invalid;
      }
    }
    return Arrays.copyOf(bytes, length);
  }

  private static void checkHostname(String host) {
    if (host.isEmpty()) {
      throw new IllegalArgumentException("missing host; use 127.0.0.1 for loopback only");
    }
    if (host.length() > 253) {
      throw new IllegalArgumentException("hostname longer than 253 characters");
    }
    for (String label : host.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        throw new IllegalArgumentException("invalid hostname \"" + host + "\"");
      }
    }
  }

  private static boolean isLoopback(byte[] address) {
    try {
      // getByAddress never resolves names; it also maps ::ffff:127.0.0.1 to its IPv4 form.
      return InetAddress.getByAddress(address).isLoopbackAddress();
    } catch (UnknownHostException impossible) {
      throw new AssertionError("address of length " + address.length, impossible);
    }
  }
}
