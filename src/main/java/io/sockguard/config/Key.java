package io.sockguard.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * One scalar configuration key: its dotted path, TOML type, default and how its text is read. The same parser reads
 * the TOML value and the {@code SOCKGUARD_*} variable, so both accept exactly the same values.
 *
 * @param path dotted path, such as {@code listen.address}
 * @param tomlType the TOML type the file must use
 * @param defaultValue value when neither the file nor the environment sets the key; may be {@code null} for "off"
 * @param parser reads the value's text; throws {@link IllegalArgumentException} (message: optional detail) if invalid
 * @param expected what is accepted, completing "expected ..." in problem messages
 */
record Key<T>(String path, TomlType tomlType, T defaultValue, Function<String, T> parser, String expected) {

  /** The TOML types scalar keys use. */
  enum TomlType {
    STRING,
    BOOLEAN,
    INTEGER,
    /** An array of strings; its items reach the parser joined by newlines, exactly as the variable's text would. */
    STRING_LIST
  }

  static <T> Key<T> text(String path, T defaultValue, Function<String, T> parser, String expected) {
    return new Key<>(path, TomlType.STRING, defaultValue, parser, expected);
  }

  static Key<Boolean> flag(String path, boolean defaultValue) {
    return new Key<>(path, TomlType.BOOLEAN, defaultValue, ValueSyntax::flag, "true or false");
  }

  /** A whole number within {@code [min, max]}, written as a TOML integer (or digits in the environment). */
  static Key<Long> integer(String path, long defaultValue, long min, long max) {
    return new Key<>(
        path,
        TomlType.INTEGER,
        defaultValue,
        text -> ValueSyntax.integerWithin(text, min, max),
        "a whole number from " + min + " to " + max);
  }

  /**
   * A list of strings: a TOML array in the file (its items reach the parser one per line), comma- or
   * newline-separated in the environment; {@code itemParser} checks each item.
   */
  static Key<java.util.List<String>> list(
      String path, java.util.function.UnaryOperator<String> itemParser, String expected) {
    return new Key<>(
        path,
        TomlType.STRING_LIST,
        java.util.List.of(),
        text ->
            text.isBlank()
                ? java.util.List.of()
                : java.util.Arrays.stream(text.split("[,\n]", -1)).map(String::trim).map(itemParser).toList(),
        expected);
  }

  /** {@code SOCKGUARD_} plus the path with dots as underscores, upper-cased: {@code SOCKGUARD_LISTEN_ADDRESS}. */
  String envName() {
    return "SOCKGUARD_" + path.replace('.', '_').toUpperCase(Locale.ROOT);
  }
}
