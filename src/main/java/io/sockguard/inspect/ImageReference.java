package io.sockguard.inspect;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Image names as the daemon's {@code reference.ParseNormalizedNamed} reads them, reduced to what a registry allowlist
 * needs: {@code domain/path} without tag or digest. Stateless.
 */
final class ImageReference {

  static final String DOCKER_HUB = "docker.io";
  private static final String LEGACY_HUB = "index.docker.io";
  private static final String OFFICIAL = "library/";

  /** The reference grammar's domain and path components, used to refuse anything the daemon might read otherwise. */
  private static final Pattern DOMAIN =
      Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
          + "(?::[0-9]+)?");
  private static final Pattern PATH =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

  private ImageReference() {}

  /**
   * {@code fromImage} as {@code domain/path}: {@code busybox:1} → {@code docker.io/library/busybox}.
   *
   * @throws IllegalArgumentException if it is not a reference the daemon would accept as written
   */
  static String canonical(String image) {
    String name = image;
    int at = name.indexOf('@');
    if (at >= 0) {
      name = name.substring(0, at);
    }
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      name = name.substring(0, colon);
    }
    String canonical = split(name, true);
    int slash = canonical.indexOf('/');
    if (!DOMAIN.matcher(canonical.substring(0, slash)).matches()
        || !PATH.matcher(canonical.substring(slash + 1)).matches()) {
      throw new IllegalArgumentException("not a valid image reference");
    }
    return canonical;
  }

  /** An {@code allowed_registries} entry: a bare host stays a host; anything with a path is read like an image. */
  static String canonicalPrefix(String entry) {
    String trimmed = entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry;
    if (trimmed.indexOf('/') < 0) {
      String host = trimmed.toLowerCase(Locale.ROOT);
      return host.equals(LEGACY_HUB) ? DOCKER_HUB : host;
    }
    return split(trimmed, false); // a prefix "docker.io/myorg" is an organisation, not library/myorg
  }

  /** Whether {@code canonical} is an official image: {@code docker.io/library/name}, one component. */
  static boolean isOfficial(String canonical) {
    String prefix = DOCKER_HUB + "/" + OFFICIAL;
    return canonical.startsWith(prefix) && canonical.indexOf('/', prefix.length()) < 0;
  }

  /** Whether {@code canonical} equals the allowlist entry or lies below it. */
  static boolean isUnder(String canonical, String prefix) {
    return canonical.equals(prefix) || canonical.startsWith(prefix + "/");
  }

  /** Docker's {@code splitDockerDomain}, with the domain lower-cased for comparison (DNS names ignore case). */
  private static String split(String name, boolean isImage) {
    int slash = name.indexOf('/');
    String domain;
    String rest;
    if (slash < 0) {
      domain = DOCKER_HUB;
      rest = name;
    } else {
      String first = name.substring(0, slash);
      // An upper-case letter also makes it a domain (newer daemons); older ones refuse such names outright.
      boolean lowerCase = first.equals(first.toLowerCase(Locale.ROOT));
      if (first.indexOf('.') < 0 && first.indexOf(':') < 0 && !first.equals("localhost") && lowerCase) {
        domain = DOCKER_HUB;
        rest = name;
      } else {
        domain = first.toLowerCase(Locale.ROOT);
        rest = name.substring(slash + 1);
      }
    }
    if (domain.equals(LEGACY_HUB)) {
      domain = DOCKER_HUB;
    }
    if (isImage && domain.equals(DOCKER_HUB) && rest.indexOf('/') < 0) {
      rest = OFFICIAL + rest;
    }
    return domain + "/" + rest;
  }
}
