package io.sockguard.inspect;

import java.util.Set;

/** Capability names as dockerd reads them. Stateless. */
final class Capabilities {

  /** What Docker grants every container ({@code oci/caps/defaults.go}); re-adding one changes nothing. */
  static final Set<String> DOCKER_DEFAULT =
      Set.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_FSETID",
          "CAP_FOWNER",
          "CAP_MKNOD",
          "CAP_NET_RAW",
          "CAP_SETGID",
          "CAP_SETUID",
          "CAP_SETFCAP",
          "CAP_SETPCAP",
          "CAP_NET_BIND_SERVICE",
          "CAP_SYS_CHROOT",
          "CAP_KILL",
          "CAP_AUDIT_WRITE");

  static final String ALL = "ALL";

  private Capabilities() {}

  /**
   * Docker's {@code NormalizeLegacyCapabilities}: {@code strings.ToUpper}, then {@code CAP_} prepended unless present
   * or the name is {@code ALL}. Go upper-cases rune by rune with the simple mapping, as {@link Character#toUpperCase(int)}
   * does, so {@code "cap_\u017Fys_admin"} becomes {@code CAP_SYS_ADMIN} for both.
   */
  static String normalize(String name) {
    StringBuilder upper = new StringBuilder(name.length() + 4);
    name.codePoints().forEach(c -> upper.appendCodePoint(Character.toUpperCase(c)));
    String normal = upper.toString();
    return normal.equals(ALL) || normal.startsWith("CAP_") ? normal : "CAP_" + normal;
  }
}
