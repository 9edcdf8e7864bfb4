package io.sockguard.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * Reads the {@code [[rules]]} array. A rule with any problem is left out of the result, but every problem of every
 * rule is reported; the loader refuses the whole configuration then, so a half-read rule list is never used.
 */
final class RuleReader {

  private static final Set<String> RULE_KEYS = orderedSet("match", "action", "reason");
  private static final Set<String> MATCH_KEYS = orderedSet("method", "path", "upgrade");
  private static final String MATCH_EXAMPLE = "match = { method = \"GET\", path = \"/_ping\" }";
  private static final String METHOD = "\"*\" or an upper-case HTTP method like GET";
  private static final String PATH =
      "a path starting with \"/\" whose segments are literal, * or a final **, like \"/containers/*/json\"";
  private static final String ACTION = "\"allow\" or \"deny\"";

  private final Problems problems;
  private final String keyPrefix;

  private RuleReader(Problems problems, String keyPrefix) {
    this.problems = problems;
    this.keyPrefix = keyPrefix;
  }

  static List<RuleConfig> read(TomlTable root, Problems problems) {
    return read(root, Keys.RULES, problems);
  }

  /**
   * Reads the {@code rules} array of {@code table}, whose dotted key is {@code key} ({@code rules} at the top level,
   * {@code clients.profiles[0].rules} inside a profile).
   */
  static List<RuleConfig> read(TomlTable table, String key, Problems problems) {
    Object value = table.get(List.of(Keys.RULES));
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof TomlArray array)) {
      problems.invalid(
          key, problems.locate(table, Keys.RULES), "an array of tables, one [[" + key.replaceAll("\\[[0-9]+]", "")
              + "]] block per rule", value, null);
      return List.of();
    }
    return new RuleReader(problems, key).readAll(array);
  }

  private List<RuleConfig> readAll(TomlArray array) {
    List<RuleConfig> rules = new ArrayList<>();
    for (int index = 0; index < array.size(); index++) {
      String key = keyPrefix + "[" + index + "]";
      String location = problems.locate(array.inputPositionOf(index));
      if (array.get(index) instanceof TomlTable table) {
        RuleConfig rule = readRule(index, key, location, table);
        if (rule != null) {
          rules.add(rule);
        }
      } else {
        problems.invalid(key, location, "a table with match, action and reason", array.get(index), null);
      }
    }
    return rules;
  }

  private RuleConfig readRule(int index, String key, String location, TomlTable rule) {
    reportUnknown(rule, key, "a rule", RULE_KEYS);
    String method = null;
    String path = null;
    boolean upgrade = false;
    Object match = rule.get(List.of("match"));
    if (match == null) {
      problems.add(key + ".match", location, "missing; expected " + MATCH_EXAMPLE);
    } else if (match instanceof TomlTable matchTable) {
      String matchLocation = problems.locate(rule, "match");
      reportUnknown(matchTable, key + ".match", "match", MATCH_KEYS);
      method = text(matchTable, "method", key + ".match", matchLocation, METHOD, ValueSyntax::ruleMethod);
      path = text(matchTable, "path", key + ".match", matchLocation, PATH, ValueSyntax::rulePath);
      Object rawUpgrade = matchTable.get(List.of("upgrade"));
      if (rawUpgrade instanceof Boolean flag) {
        upgrade = flag;
      } else if (rawUpgrade != null) {
        problems.invalid(key + ".match.upgrade", matchLocation, "true or false", rawUpgrade, null);
        method = null;
      }
    } else {
      problems.invalid(key + ".match", problems.locate(rule, "match"), "a table like " + MATCH_EXAMPLE, match, null);
    }
    String action = text(rule, "action", key, location, ACTION, ValueSyntax.oneOf(List.of("allow", "deny")));
    String reason = rule.get(List.of("reason")) == null ? "" : text(rule, "reason", key, location, "a string", s -> s);
    if (method == null || path == null || action == null || reason == null) {
      return null;
    }
    if (upgrade && !action.equals("allow")) {
      problems.add(key + ".match.upgrade", location, "only an allow rule can let a request upgrade the connection");
      return null;
    }
    return new RuleConfig(index, method, path, action, reason, location, upgrade);
  }

  /** A required string member, or null after reporting why it is unusable. */
  private String text(
      TomlTable table,
      String name,
      String prefix,
      String tableLocation,
      String expected,
      Function<String, String> parser) {
    String key = prefix + "." + name;
    Object value = table.get(List.of(name));
    if (value == null) {
      problems.add(key, tableLocation, "missing; expected " + expected);
      return null;
    }
    String location = problems.locate(table, name);
    if (!(value instanceof String text)) {
      problems.invalid(key, location, expected, value, null);
      return null;
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      problems.invalid(key, location, expected, text, e.getMessage());
      return null;
    }
  }

  private void reportUnknown(TomlTable table, String prefix, String what, Set<String> allowed) {
    for (String name : ShapeCheck.inFileOrder(table)) {
      if (!allowed.contains(name)) {
        problems.add(
            prefix + "." + name,
            problems.locate(table, name),
            Problems.unknownKey(name, "in " + what, allowed));
      }
    }
  }

  private static Set<String> orderedSet(String... names) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(names)));
  }
}
