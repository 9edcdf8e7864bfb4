package io.sockguard.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * Resolves each scalar key from its default, then the file, then its {@code SOCKGUARD_*} variable, remembering where
 * the winning value came from so cross-key checks can point at it. An invalid value is reported and replaced by the
 * default, so later checks still see a usable configuration; {@link #isValid} lets them skip keys already reported.
 */
final class ValueResolver {

  /** Location of values nobody set. */
  static final String DEFAULT_LOCATION = "default";

  private final TomlTable root;
  private final Map<String, String> env;
  private final Problems problems;
  private final Map<Key<?>, String> locations = new HashMap<>();
  private final Set<Key<?>> invalid = new HashSet<>();

  ValueResolver(TomlTable root, Map<String, String> env, Problems problems) {
    this.root = root;
    this.env = env;
    this.problems = problems;
  }

  <T> T resolve(Key<T> key) {
    T value = key.defaultValue();
    String location = DEFAULT_LOCATION;
    boolean valid = true;

    String[] segments = key.path().split("\\.");
    String name = segments[segments.length - 1];
    TomlTable table = parentTable(segments);
    Object raw = table == null ? null : table.get(List.of(name));
    if (raw != null) {
      location = problems.locate(table, name);
      Parsed<T> parsed = read(key, raw, location);
      valid = parsed != null;
      value = valid ? parsed.value() : value;
    }

    String variable = env.get(key.envName());
    if (variable != null) {
      location = key.envName();
      Parsed<T> parsed = parse(key, variable, location);
      valid = parsed != null;
      value = valid ? parsed.value() : value;
    }

    locations.put(key, location);
    if (!valid) {
      invalid.add(key);
    }
    return value;
  }

  /** Where the resolved value of {@code key} was written; {@link #DEFAULT_LOCATION} if nowhere. */
  String locationOf(Key<?> key) {
    return locations.getOrDefault(key, DEFAULT_LOCATION);
  }

  /** Whether every given key resolved to a value the user wrote correctly (or left at its default). */
  boolean isValid(Key<?>... keys) {
    for (Key<?> key : keys) {
      if (invalid.contains(key)) {
        return false;
      }
    }
    return true;
  }

  /** The table holding the key, or null if a table on the way is missing or not a table (reported by the shape check). */
  private TomlTable parentTable(String[] segments) {
    TomlTable table = root;
    for (int i = 0; i < segments.length - 1; i++) {
      if (!(table.get(List.of(segments[i])) instanceof TomlTable child)) {
        return null;
      }
      table = child;
    }
    return table;
  }

  /** A successfully parsed value, which may itself be null ("off"); a null {@code Parsed} means it was invalid. */
  private record Parsed<T>(T value) {}

  private <T> Parsed<T> read(Key<T> key, Object raw, String location) {
    boolean rightType =
        switch (key.tomlType()) {
          case STRING -> raw instanceof String;
          case BOOLEAN -> raw instanceof Boolean;
          case INTEGER -> raw instanceof Long;
          case STRING_LIST ->
              raw instanceof TomlArray array && array.toList().stream().allMatch(String.class::isInstance);
        };
    if (!rightType) {
      problems.invalid(key.path(), location, key.expected(), raw, null);
      return null;
    }
    String text =
        raw instanceof TomlArray array
            ? String.join("\n", array.toList().stream().map(String.class::cast).toList())
            : raw.toString();
    return parse(key, text, location);
  }

  private <T> Parsed<T> parse(Key<T> key, String text, String location) {
    try {
      return new Parsed<>(key.parser().apply(text));
    } catch (IllegalArgumentException e) {
      problems.invalid(key.path(), location, key.expected(), text, e.getMessage());
      return null;
    }
  }
}
