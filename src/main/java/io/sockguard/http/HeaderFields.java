package io.sockguard.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An immutable, ordered list of header fields with ASCII case-insensitive lookup by name.
 *
 * <p>Order and duplicates are kept as received, because order matters for repeated fields (RFC 9110
 * §5.3). The "modifying" methods return new instances. Thread-safe. {@link #toString()} lists names
 * only, never values.
 */
public final class HeaderFields {

  private static final HeaderFields EMPTY = new HeaderFields(new HeaderField[0]);

  private final HeaderField[] fields;

  private HeaderFields(HeaderField[] fields) {
    this.fields = fields;
  }

  /** Copies {@code fields}; no element may be null. */
  public static HeaderFields of(List<HeaderField> fields) {
    HeaderField[] copy = fields.toArray(new HeaderField[0]);
    for (HeaderField field : copy) {
      Objects.requireNonNull(field, "header field");
    }
    return copy.length == 0 ? EMPTY : new HeaderFields(copy);
  }

  public static HeaderFields empty() {
    return EMPTY;
  }

  /**
   * Takes ownership of a list the caller will not touch again; the parser's path, which skips a
   * defensive copy.
   */
  static HeaderFields adopt(ArrayList<HeaderField> fields) {
    return fields.isEmpty() ? EMPTY : new HeaderFields(fields.toArray(new HeaderField[0]));
  }

  /** Every field in order, as an unmodifiable list. */
  public List<HeaderField> all() {
    return Collections.unmodifiableList(Arrays.asList(fields));
  }

  public int size() {
    return fields.length;
  }

  /** The value of the first field named {@code name} (ASCII case-insensitive). */
  public Optional<String> first(String name) {
    for (HeaderField field : fields) {
      if (field.isNamed(name)) {
        return Optional.of(field.value());
      }
    }
    return Optional.empty();
  }

  /** The values of every field named {@code name}, in order; empty if none. */
  public List<String> values(String name) {
    List<String> values = null;
    for (HeaderField field : fields) {
      if (field.isNamed(name)) {
        if (values == null) {
          values = new ArrayList<>(2);
        }
        values.add(field.value());
      }
    }
    return values == null ? List.of() : Collections.unmodifiableList(values);
  }

  /** How many field lines are named {@code name}. */
  public int count(String name) {
    int count = 0;
    for (HeaderField field : fields) {
      if (field.isNamed(name)) {
        count++;
      }
    }
    return count;
  }

  public boolean contains(String name) {
    for (HeaderField field : fields) {
      if (field.isNamed(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether any field named {@code name} is a comma-separated list holding {@code token} (ASCII
   * case-insensitive, OWS ignored), e.g. {@code containsToken("Connection", "upgrade")} for {@code
   * Connection: keep-alive, Upgrade}.
   */
  public boolean containsToken(String name, String token) {
    for (HeaderField field : fields) {
      if (field.isNamed(name) && Syntax.listContains(field.value(), token)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A copy without the fields whose name matches {@code namePredicate}; this instance if none
   * match.
   */
  public HeaderFields without(Predicate<String> namePredicate) {
    HeaderField[] kept = new HeaderField[fields.length];
    int n = 0;
    for (HeaderField field : fields) {
      if (!namePredicate.test(field.name())) {
        kept[n++] = field;
      }
    }
    if (n == fields.length) {
      return this;
    }
    return n == 0 ? EMPTY : new HeaderFields(Arrays.copyOf(kept, n));
  }

  /** A copy with {@code name: value} appended after the existing fields. */
  public HeaderFields with(String name, String value) {
    HeaderField[] grown = Arrays.copyOf(fields, fields.length + 1);
    grown[fields.length] = new HeaderField(name, value);
    return new HeaderFields(grown);
  }

  /** A copy with every field named {@code name} removed and {@code name: value} appended. */
  public HeaderFields replacing(String name, String value) {
    return without(n -> Syntax.equalsIgnoreCase(n, name)).with(name, value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeaderFields other && Arrays.equals(fields, other.fields);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(fields);
  }

  /** Names only: values may carry credentials and must stay out of logs. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("HeaderFields[");
    for (int i = 0; i < fields.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(fields[i].name());
    }
    return sb.append(']').toString();
  }
}
