package io.sockguard.inspect;

/**
 * A container or exec {@code User} ({@code user[:group]}), judged for root. Stateless.
 *
 * <p>Only a numeric UID can be judged: a name is looked up in the image's {@code /etc/passwd}, which the client
 * controls, so any name may be UID 0. runc reads the UID with Go's {@code strconv.Atoi}, so {@code "00"} and
 * {@code "+0"} are root too, and refuses values above 2^31-1.
 */
final class UserSpec {

  private UserSpec() {}

  /** Whether {@code user} is certainly not root: a numeric UID from 1 to 2^31-1, any group. */
  static boolean isProvablyNonRoot(String user) {
    int colon = user.indexOf(':');
    String uid = colon < 0 ? user : user.substring(0, colon);
    int start = uid.startsWith("+") ? 1 : 0;
    if (uid.length() == start || uid.length() - start > 10) {
      return false;
    }
    long value = 0;
    for (int i = start; i < uid.length(); i++) {
      char c = uid.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      value = value * 10 + (c - '0');
    }
    return value > 0 && value <= Integer.MAX_VALUE;
  }
}
