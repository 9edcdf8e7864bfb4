package io.sockguard.observe;

/** Escaping for log output: JSON strings (RFC 8259) and logfmt values. No input can produce a raw line break. */
public final class Escaping {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Escaping() {}

  /** Appends {@code value} as a quoted JSON string, escaping quotes, backslashes, controls and U+2028/U+2029. */
  public static void jsonString(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            unicodeEscape(out, c);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** The JSON string literal for {@code value}. */
  public static String jsonString(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2);
    jsonString(out, value);
    return out.toString();
  }

  /** Appends a logfmt value: bare when safe, else quoted with JSON-style escapes. */
  public static void logfmtValue(StringBuilder out, String value) {
    boolean bare = !value.isEmpty();
    for (int i = 0; i < value.length() && bare; i++) {
      char c = value.charAt(i);
      bare = c > 0x20 && c < 0x7f && c != '"' && c != '=' && c != '\\';
    }
    if (bare) {
      out.append(value);
    } else {
      jsonString(out, value);
    }
  }

  private static void unicodeEscape(StringBuilder out, char c) {
    out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
        .append(HEX[c & 0xf]);
  }
}
