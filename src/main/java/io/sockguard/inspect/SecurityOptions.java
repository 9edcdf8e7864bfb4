package io.sockguard.inspect;

import java.util.List;

/**
 * {@code HostConfig.SecurityOpt} as dockerd's {@code parseSecurityOpt} reads it: {@code key=value}, or the deprecated
 * {@code key:value}, with the later option winning; bare {@code no-new-privileges} and {@code disable} are shorthands.
 * Keys are compared exactly, as Go's {@code switch} does.
 *
 * @param seccomp the effective seccomp profile ({@code ""} for the default)
 * @param apparmor the effective AppArmor profile
 * @param labels every SELinux label option, in order
 * @param noNewPrivileges whether no-new-privileges ends up set
 */
record SecurityOptions(String seccomp, String apparmor, List<String> labels, boolean noNewPrivileges) {

  SecurityOptions {
    labels = List.copyOf(labels);
  }

  static SecurityOptions parse(InspectedJson securityOpt) {
    String seccomp = "";
    String apparmor = "";
    List<String> labels = new java.util.ArrayList<>();
    boolean noNewPrivileges = false;
    for (InspectedJson element : securityOpt.elements()) {
      String option = element.string("");
      if (option.equals("no-new-privileges")) {
        noNewPrivileges = true;
        continue;
      }
      if (option.equals("disable")) {
        labels.add("disable");
        continue;
      }
      int separator = option.indexOf('=') >= 0 ? option.indexOf('=') : option.indexOf(':');
      if (separator < 0) {
        throw element.refuse("unknown security option " + InspectedJson.quote(option));
      }
      String key = option.substring(0, separator);
      String value = option.substring(separator + 1);
      switch (key) {
        case "label" -> labels.add(value);
        case "apparmor" -> apparmor = value;
        case "seccomp" -> seccomp = value;
        case "no-new-privileges" -> noNewPrivileges = parseGoBool(value, element);
        default ->
            // The daemon refuses unknown keys too; newer ones add keys (writable-cgroups) we would rather not pass.
            throw element.refuse("unknown security option " + InspectedJson.quote(option));
      }
    }
    return new SecurityOptions(seccomp, apparmor, labels, noNewPrivileges);
  }

  /** Go's {@code strconv.ParseBool}. */
  private static boolean parseGoBool(String value, InspectedJson at) {
    return switch (value) {
      case "1", "t", "T", "TRUE", "true", "True" -> true;
      case "0", "f", "F", "FALSE", "false", "False" -> false;
      default -> throw at.refuse("no-new-privileges needs a boolean, got " + InspectedJson.quote(value));
    };
  }
}
