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
 * Reads typed members of one TOML table that is not made of scalar {@link Key}s (list-of-tables sections such as
 * {@code [[listeners]]} and {@code [clients]}), reporting every problem with the member's dotted key and position. A
 * member with a problem reads as its default, so the caller can go on and report the rest.
 */
final class TableFields {

  private final Problems problems;
  private final TomlTable table;
  private final String prefix;
  private final String location;
  private boolean failed;

  /**
   * @param prefix the table's dotted key, like {@code listeners[0]}
   * @param location where the table starts, for problems about missing members
   */
  TableFields(Problems problems, TomlTable table, String prefix, String location) {
    this.problems = problems;
    this.table = table;
    this.prefix = prefix;
    this.location = location;
  }

  /** Whether any member read so far had a problem. */
  boolean failed() {
    return failed;
  }

  String key(String name) {
    return prefix.isEmpty() ? name : prefix + "." + name;
  }

  String locate(String name) {
    return table.inputPositionOf(List.of(name)) == null ? location : problems.locate(table, name);
  }

  String location() {
    return location;
  }

  boolean has(String name) {
    return table.get(List.of(name)) != null;
  }

  /** Marks this table failed because of a problem already reported for a part of it. */
  void fail() {
    failed = true;
  }

  void add(String name, String message) {
    failed = true;
    problems.add(key(name), locate(name), message);
  }

  /** Reports members not in {@code allowed}; {@code what} completes "allowed in ...". */
  void allowOnly(Set<String> allowed, String what) {
    for (String name : ShapeCheck.inFileOrder(table)) {
      if (!allowed.contains(name)) {
        failed = true;
        problems.add(key(name), problems.locate(table, name), Problems.unknownKey(name, "in " + what, allowed));
      }
    }
  }

  /** An optional string read by {@code parser} (which throws {@link IllegalArgumentException} with a detail). */
  String string(String name, String fallback, String expected, Function<String, String> parser) {
    Object value = table.get(List.of(name));
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String text)) {
      return invalid(name, expected, value, null, fallback);
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      return invalid(name, expected, text, e.getMessage(), fallback);
    }
  }

  /** A required string; null after reporting it missing or invalid. */
  String requiredString(String name, String expected, Function<String, String> parser) {
    if (!has(name)) {
      failed = true;
      problems.add(key(name), location, "missing; expected " + expected);
      return null;
    }
    return string(name, null, expected, parser);
  }

  /** An optional boolean; {@code fallback} when absent. */
  Boolean bool(String name, Boolean fallback) {
    if (!has(name)) {
      return fallback;
    }
    Object raw = table.get(List.of(name));
    if (raw instanceof Boolean value) {
      return value;
    }
    failed = true;
    problems.invalid(key(name), locate(name), "true or false", raw, null);
    return fallback;
  }

  /** An optional array of strings, each read by {@code parser}; an empty list when absent. */
  <T> List<T> strings(String name, String expected, Function<String, T> parser) {
    TomlArray array = array(name, "an array of " + expected);
    if (array == null) {
      return List.of();
    }
    List<T> items = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object item = array.get(i);
      String itemKey = key(name) + "[" + i + "]";
      String itemLocation = problems.locate(array.inputPositionOf(i));
      if (!(item instanceof String text)) {
        failed = true;
        problems.invalid(itemKey, itemLocation, expected, item, null);
        continue;
      }
      try {
        items.add(parser.apply(text));
      } catch (IllegalArgumentException e) {
        failed = true;
        problems.invalid(itemKey, itemLocation, expected, text, e.getMessage());
      }
    }
    return Collections.unmodifiableList(items);
  }

  /** An optional array of integers within {@code [min, max]}; an empty list when absent. */
  List<Long> integers(String name, long min, long max) {
    String expected = "an integer from " + min + " to " + max;
    TomlArray array = array(name, "an array of integers");
    if (array == null) {
      return List.of();
    }
    List<Long> items = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      Object item = array.get(i);
      if (item instanceof Long number && number >= min && number <= max) {
        items.add(number);
      } else {
        failed = true;
        problems.invalid(key(name) + "[" + i + "]", problems.locate(array.inputPositionOf(i)), expected, item, null);
      }
    }
    return List.copyOf(items);
  }

  /** An optional integer within {@code [min, max]}. */
  long integer(String name, long fallback, long min, long max) {
    Object value = table.get(List.of(name));
    if (value == null) {
      return fallback;
    }
    if (value instanceof Long number && number >= min && number <= max) {
      return number;
    }
    return invalid(name, "an integer from " + min + " to " + max, value, null, fallback);
  }

  /** An optional number (integer or float) within {@code [min, max]}. */
  double number(String name, double fallback, double min, double max) {
    Object value = table.get(List.of(name));
    if (value == null) {
      return fallback;
    }
    double number =
        value instanceof Long whole ? whole : value instanceof Double fraction ? fraction : Double.NaN;
    if (number >= min && number <= max) {
      return number;
    }
    return invalid(name, "a number from " + min + " to " + max, value, null, fallback);
  }

  /** An optional sub-table; null when absent or (reported) not a table. */
  TomlTable table(String name) {
    Object value = table.get(List.of(name));
    if (value == null || value instanceof TomlTable) {
      return (TomlTable) value;
    }
    return invalid(name, "a table [" + key(name) + "]", value, null, null);
  }

  /** An optional array; null when absent or (reported) not an array. */
  TomlArray array(String name, String expected) {
    Object value = table.get(List.of(name));
    if (value == null || value instanceof TomlArray) {
      return (TomlArray) value;
    }
    return invalid(name, expected, value, null, null);
  }

  /**
   * Each table of an array of tables ({@code [[name]]} or {@code name = [{...}]}) with its dotted key and position;
   * members that are not tables are reported and skipped.
   */
  List<Entry> tables(String name, String expected) {
    TomlArray array = array(name, "an array of tables, " + expected);
    if (array == null) {
      return List.of();
    }
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String entryKey = key(name) + "[" + i + "]";
      String entryLocation = problems.locate(array.inputPositionOf(i));
      if (array.get(i) instanceof TomlTable entry) {
        entries.add(new Entry(i, entryKey, entryLocation, entry));
      } else {
        failed = true;
        problems.invalid(entryKey, entryLocation, expected, array.get(i), null);
      }
    }
    return entries;
  }

  /** One table of an array of tables. */
  record Entry(int index, String key, String location, TomlTable table) {
    TableFields fields(Problems problems) {
      return new TableFields(problems, table, key, location);
    }
  }

  private <T> T invalid(String name, String expected, Object got, String detail, T fallback) {
    failed = true;
    problems.invalid(key(name), locate(name), expected, got, detail);
    return fallback;
  }

  static Set<String> names(String... names) {
    return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(names)));
  }
}
