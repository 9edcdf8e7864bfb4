package io.sockguard.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The accepted syntax of each kind of value. Every parser throws {@link IllegalArgumentException} whose message is an
 * optional detail (may be {@code null}); the caller phrases the problem as "expected ..., got ...".
 */
final class ValueSyntax {

  /**
   * Longest unix socket path: Linux {@code sockaddr_un.sun_path} holds 108 bytes including the terminating NUL, and a
   * longer path would fail only at bind time, after the configuration was accepted.
   */
  static final int MAX_SOCKET_PATH_BYTES = 107;

  private static final Pattern FILE_MODE = Pattern.compile("0?[0-7]{3}");
  private static final Pattern GROUP = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}\\$?|[0-9]{1,10}");
  private static final Pattern PROFILE = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");
  private static final Pattern DNS_NAME =
      Pattern.compile("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  private static final Pattern URI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[\\x21-\\x7e]+");
  private static final Pattern METHOD = Pattern.compile("[A-Z][A-Z0-9_-]*");
  private static final Pattern VERSION_PREFIX = Pattern.compile("v[0-9]+(\\.[0-9]+)?");

  private static final Pattern PUBLIC_KEY_PEM =
      Pattern.compile("-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----");

  private ValueSyntax() {}

  /**
   * Zero or more PEM {@code PUBLIC KEY} blocks (SubjectPublicKeyInfo), each returned as one normalised PEM string. Only
   * the armour and base64 are checked here; whether the key is a usable signing key is the bundle verifier's business.
   */
  static List<String> publicKeyPems(String text) {
    List<String> pems = new ArrayList<>();
    Matcher matcher = PUBLIC_KEY_PEM.matcher(text);
    int end = 0;
    while (matcher.find()) {
      if (!text.substring(end, matcher.start()).isBlank()) {
        throw new IllegalArgumentException("text outside a PEM block");
      }
      String body = matcher.group(1).replaceAll("\\s", "");
      try {
        Base64.getDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("key " + (pems.size() + 1) + " is not valid base64");
      }
      pems.add("-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
      end = matcher.end();
    }
    if (!text.substring(end).isBlank()) {
      throw new IllegalArgumentException("text outside a PEM block");
    }
    return List.copyOf(pems);
  }

  static Boolean flag(String text) {
    return switch (text) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException();
    };
  }

  /** {@code ""} (TCP disabled) or a {@link ListenAddress}. */
  static String listenAddress(String text) {
    if (!text.isEmpty()) {
      ListenAddress.parse(text);
    }
    return text;
  }

  /** {@code ""} (disabled) or an absolute socket path. */
  static String optionalSocketPath(String text) {
    return text.isEmpty() ? text : socketPath(text);
  }

  static String socketPath(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("the path must be absolute");
    }
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_SOCKET_PATH_BYTES) {
      throw new IllegalArgumentException(bytes + " bytes is longer than the " + MAX_SOCKET_PATH_BYTES + " allowed");
    }
    return text;
  }

  /** {@code ""} or an absolute path. */
  static String optionalAbsolutePath(String text) {
    if (!text.isEmpty() && !text.startsWith("/")) {
      throw new IllegalArgumentException("the path must be absolute");
    }
    return text;
  }

  static String absolutePath(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("the path must be absolute");
    }
    return text;
  }

  /**
   * A profile name: it becomes a metric label and a log field, so it is short and plain: lower-case letters, digits,
   * {@code _}, {@code -} and {@code .}, starting with a letter, at most 64 characters.
   */
  static String profileName(String text) {
    if (!PROFILE.matcher(text).matches()) {
      throw new IllegalArgumentException("lower-case letters, digits, _ - and ., starting with a letter, at most 64");
    }
    return text;
  }

  /** Non-empty text without control characters (a certificate common name). */
  static String printableName(String text) {
    if (text.isEmpty() || text.chars().anyMatch(c -> c < ' ' || c == 0x7f)) {
      throw new IllegalArgumentException();
    }
    return text;
  }

  /** A DNS name as written in a certificate (a leading {@code *.} label is matched literally); lower-cased. */
  static String dnsName(String text) {
    if (!DNS_NAME.matcher(text).matches() || text.length() > 253) {
      throw new IllegalArgumentException();
    }
    return text.toLowerCase(Locale.ROOT);
  }

  /** An IPv4 or IPv6 literal without brackets, in the JDK's canonical text form. */
  static String ipLiteral(String text) {
    return Cidr.IpLiteral.toInetAddress(Cidr.IpLiteral.parse(text)).getHostAddress();
  }

  /** A URI with a scheme and no whitespace. */
  static String uri(String text) {
    if (!URI.matcher(text).matches()) {
      throw new IllegalArgumentException();
    }
    return text;
  }

  /** A SPIFFE ID: {@code spiffe://trust-domain/path}. */
  static String spiffeId(String text) {
    if (!text.startsWith("spiffe://") || text.length() == "spiffe://".length() || !URI.matcher(text).matches()) {
      throw new IllegalArgumentException();
    }
    return text;
  }

  /** {@code ""}, a POSIX group name or a numeric gid. */
  static String groupName(String text) {
    if (!text.isEmpty() && !GROUP.matcher(text).matches()) {
      throw new IllegalArgumentException();
    }
    return text;
  }

  /** Octal permission bits, {@code "0600"} or {@code "600"}. */
  static Integer fileMode(String text) {
    if (!FILE_MODE.matcher(text).matches()) {
      throw new IllegalArgumentException();
    }
    return Integer.parseInt(text, 8);
  }

  static Duration positiveDuration(String text) {
    Duration duration = DurationParser.parse(text);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("must be more than zero");
    }
    return duration;
  }

  static Long integerWithin(String text, long min, long max) {
    long value;
    try {
      value = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException();
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException("out of range");
    }
    return value;
  }

  /** A label selector: a non-empty key without spaces or '=', optionally {@code =value}. */
  static String labelSelector(String text) {
    int eq = text.indexOf('=');
    String key = eq < 0 ? text : text.substring(0, eq);
    if (key.isEmpty() || key.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      throw new IllegalArgumentException("a selector needs a label key without spaces");
    }
    return text;
  }

  /** A positive duration, or {@code null} for {@code "off"}. */
  static Duration positiveDurationOrOff(String text) {
    return text.equals("off") ? null : positiveDuration(text);
  }

  static Function<String, String> oneOf(List<String> allowed) {
    return text -> {
      if (!allowed.contains(text)) {
        throw new IllegalArgumentException();
      }
      return text;
    };
  }

  /** A URL path served by the admin endpoints: {@code /} and printable characters, no query. */
  static String endpointPath(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException();
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c == '?' || c == '#' || c == 0x7f) {
        throw new IllegalArgumentException("no spaces, control characters, ? or #");
      }
    }
    return text;
  }

  /** {@code "*"} or an upper-case method token; Docker's API only uses upper-case methods. */
  static String ruleMethod(String text) {
    if (!text.equals("*") && !METHOD.matcher(text).matches()) {
      throw new IllegalArgumentException();
    }
    return text;
  }

  /**
   * A rule path glob. Refuses what could never match a canonical path (empty or dot segments, a query, the API version
   * prefix, which the router strips before matching) and partial-segment wildcards, whose meaning would be a guess.
   * {@code **} must be last so matching stays linear and obvious.
   */
  static String rulePath(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException();
    }
    if (text.equals("/")) {
      return text;
    }
    String[] segments = text.substring(1).split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      checkRuleSegment(segments[i], i, i == segments.length - 1);
    }
    return text;
  }

  private static void checkRuleSegment(String segment, int index, boolean last) {
    if (segment.isEmpty()) {
      throw new IllegalArgumentException("empty segment; canonical paths have no // and no trailing /");
    }
    if (segment.equals(".") || segment.equals("..")) {
      throw new IllegalArgumentException("dot segments never match a canonical path");
    }
    if (segment.equals("**") && !last) {
      throw new IllegalArgumentException("** is only allowed as the last segment");
    }
    if (segment.contains("*") && !segment.equals("*") && !segment.equals("**")) {
      throw new IllegalArgumentException("* must be a whole segment; \"" + segment + "\" mixes * with text");
    }
    if (index == 0 && VERSION_PREFIX.matcher(segment).matches()) {
      throw new IllegalArgumentException("rules match the path without the API version prefix, like /containers/json");
    }
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c <= ' ' || c == '?' || c == '#' || c == 0x7f) {
        throw new IllegalArgumentException("no spaces, control characters, ? or #; a rule matches the path only");
      }
    }
  }
}
