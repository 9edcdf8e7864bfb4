package io.sockguard.learn;

import io.sockguard.config.RuleConfig;
import java.util.List;

/**
 * Writes rules as the {@code [[rules]]} TOML that {@code ConfigLoader} reads back to equal rules. Stateless.
 */
public final class RulesToml {
  private RulesToml() {}

  /**
   * The rules as TOML, one blank-line-separated block each.
   *
   * @param withOrigin whether to precede each block with a comment naming its index and {@code location}
   */
  public static String render(List<RuleConfig> rules, boolean withOrigin) {
    StringBuilder out = new StringBuilder();
    for (RuleConfig rule : rules) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      if (withOrigin) {
        out.append("# rule ").append(rule.index()).append(" from ").append(oneLine(rule.location())).append('\n');
      }
      out.append("[[rules]]\nmatch = { method = ")
          .append(basicString(rule.method()))
          .append(", path = ")
          .append(basicString(rule.path()))
          .append(" }\naction = ")
          .append(basicString(rule.action()))
          .append('\n');
      if (!rule.reason().isEmpty()) {
        out.append("reason = ").append(basicString(rule.reason())).append('\n');
      }
    }
    return out.toString();
  }

  /** A TOML basic string (TOML 1.0 §String): quotes, backslashes and control characters escaped. */
  static String basicString(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04X", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static String oneLine(String text) {
    return text.replaceAll("[\\r\\n]", " ");
  }
}
