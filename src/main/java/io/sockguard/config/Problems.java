package io.sockguard.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/** Collects problems in the order found, and phrases the common ones the same way everywhere. */
final class Problems {

  private final String sourceName;
  private final List<ConfigProblem> found = new ArrayList<>();

  Problems(String sourceName) {
    this.sourceName = sourceName;
  }

  void add(String key, String location, String message) {
    found.add(new ConfigProblem(key, location, message));
  }

  /** "expected {expected}, got {got}" plus the parser's detail, if it gave one. */
  void invalid(String key, String location, String expected, Object got, String detail) {
    String message = "expected " + expected + ", got " + describe(got);
    add(key, location, detail == null ? message : message + " (" + detail + ")");
  }

  /** {@code file:line:column} of the key inside {@code table}, or the file alone if tomlj has no position. */
  String locate(TomlTable table, String key) {
    return locate(table.inputPositionOf(List.of(key)));
  }

  String locate(TomlPosition position) {
    return position == null ? sourceName : sourceName + ":" + position.line() + ":" + position.column();
  }

  /**
   * Every problem, those with a file position sorted top to bottom (so the list reads like the file), followed by
   * those from the environment or defaults in the order found.
   */
  List<ConfigProblem> all() {
    List<ConfigProblem> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparingLong(this::filePosition));
    return List.copyOf(sorted);
  }

  /** line and column packed into one sortable number; {@code Long.MAX_VALUE} for locations outside the file. */
  private long filePosition(ConfigProblem problem) {
    String prefix = sourceName + ":";
    if (!problem.location().startsWith(prefix)) {
      return Long.MAX_VALUE;
    }
    String[] lineColumn = problem.location().substring(prefix.length()).split(":");
    return Long.parseLong(lineColumn[0]) << 32 | Long.parseLong(lineColumn[1]);
  }

  /** A TOML value as a reader would name it: {@code integer 5}, {@code "text"}, {@code a table}. */
  static String describe(Object value) {
    return switch (value) {
      case String text -> quote(text);
      case Long number -> "integer " + number;
      case Double number -> "float " + number;
      case Boolean flag -> "boolean " + flag;
      case TomlArray array -> "an array";
      case TomlTable table -> "a table";
      default -> "a date/time " + value;
    };
  }

  /** "unknown key; did you mean ...? (allowed {where}: a, b, c)". */
  static String unknownKey(String name, String where, Set<String> allowed) {
    return "unknown key" + suggest(name, allowed) + " (allowed " + where + ": " + String.join(", ", allowed) + ")";
  }

  /** Appends {@code ; did you mean "x"?} when a candidate is within two edits of {@code name}, as typos usually are. */
  static String suggest(String name, Iterable<String> candidates) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : candidates) {
      int distance = editDistance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best == null ? "" : "; did you mean " + quote(best) + "?";
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        default -> {
          if (c < ' ' || c == 0x7f) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
