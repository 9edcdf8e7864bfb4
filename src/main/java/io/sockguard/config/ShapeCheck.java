package io.sockguard.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Checks the shape of the file outside the rules: every key is known and every section is a table. Unknown keys are
 * refused rather than ignored because a misspelt key silently keeps a default, which for a security proxy may be the
 * opposite of what the operator meant.
 */
final class ShapeCheck {

  private ShapeCheck() {}

  static void check(TomlTable root, Problems problems) {
    walk(root, "", problems);
  }

  private static void walk(TomlTable table, String prefix, Problems problems) {
    Set<String> allowed = Keys.TABLES.get(prefix);
    for (String name : inFileOrder(table)) {
      String path = prefix.isEmpty() ? name : prefix + "." + name;
      String location = problems.locate(table, name);
      if (!allowed.contains(name)) {
        String where = prefix.isEmpty() ? "at the top level" : "in [" + prefix + "]";
        problems.add(path, location, Problems.unknownKey(name, where, allowed));
      } else if (Keys.TABLES.containsKey(path)) {
        Object value = table.get(List.of(name));
        if (value instanceof TomlTable child) {
          walk(child, path, problems);
        } else {
          problems.invalid(path, location, "a table [" + path + "]", value, null);
        }
      }
    }
  }

  /** Keys sorted by where they were written, so problems read top to bottom. */
  static List<String> inFileOrder(TomlTable table) {
    List<String> names = new ArrayList<>(table.keySet());
    Comparator<TomlPosition> byPosition =
        Comparator.nullsLast(Comparator.comparingInt(TomlPosition::line).thenComparingInt(TomlPosition::column));
    names.sort(Comparator.comparing(name -> table.inputPositionOf(List.of(name)), byPosition));
    return names;
  }
}
