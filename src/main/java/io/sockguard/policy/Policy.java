package io.sockguard.policy;

import java.util.List;

/**
 * An ordered list of rules; the first rule whose method and path pattern match decides, and no
 * match means deny (default-deny). Immutable and thread-safe: build a new one to change the rules,
 * and share it freely between request threads.
 *
 * <p>Decisions for allow rules are built once, so an allowed request allocates nothing here.
 */
public final class Policy {

  private final List<Rule> rules;
  private final PathPattern[] patterns;
  private final Decision.Allow[] allows;

  public Policy(List<Rule> rules) {
    this.rules = List.copyOf(rules);
    this.patterns = new PathPattern[this.rules.size()];
    this.allows = new Decision.Allow[this.rules.size()];
    for (int i = 0; i < patterns.length; i++) {
      Rule rule = this.rules.get(i);
      patterns[i] = PathPattern.compile(rule.pathPattern());
      allows[i] = new Decision.Allow(rule.index(), rule.reason(), rule.upgrade());
    }
  }

  /**
   * @param method the request method, exactly as received
   * @param canonicalPath the canonical path without version prefix ({@code CanonicalPath.path()})
   */
  public Decision decide(String method, String canonicalPath) {
    for (int i = 0; i < patterns.length; i++) {
      Rule rule = rules.get(i);
      if (rule.matchesMethod(method) && patterns[i].matches(canonicalPath)) {
        return rule.action() == Action.ALLOW ? allows[i] : deny(rule, method, canonicalPath);
      }
    }
    return new Decision.Deny(
        ReasonCode.NO_MATCHING_ALLOW_RULE,
        -1,
        "sockguard: "
            + printable(method)
            + " "
            + printable(canonicalPath)
            + " is not allowed by policy");
  }

  /** The rules in evaluation order (unmodifiable). */
  public List<Rule> rules() {
    return rules;
  }

  private static Decision.Deny deny(Rule rule, String method, String path) {
    String message =
        "sockguard: "
            + printable(method)
            + " "
            + printable(path)
            + " is denied by rule "
            + rule.index()
            + (rule.hasReason() ? ": " + rule.reason() : "");
    return new Decision.Deny(ReasonCode.MATCHED_DENY_RULE, rule.index(), message);
  }

  /**
   * {@code s} with control characters replaced by '?', so a message stays one safe line even if a
   * caller forgot to canonicalise. Returns {@code s} itself in the usual clean case.
   */
  static String printable(String s) {
    if (s == null) {
      return "null";
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        StringBuilder out = new StringBuilder(s.length());
        for (int j = 0; j < s.length(); j++) {
          char c = s.charAt(j);
          out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
      }
    }
    return s;
  }
}
