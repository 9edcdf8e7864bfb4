package io.sockguard.inspect;

import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reference for the property test, written independently of the code under test: a small JSON reader that keeps
 * every member in order, and Go's field lookup (simple folding, last duplicate wins) written out for the alphabet the
 * generator uses: ASCII, U+017F, U+212A, U+0130 and U+0131.
 */
final class DaemonEquivalentReader {

  /** A JSON object: its members in order, duplicates kept. */
  record Obj(List<Map.Entry<String, Object>> members) {

    /** The value Go would decode into struct field {@code field}: the last member whose name folds to it. */
    Object field(String field) {
      Object found = null;
      for (Map.Entry<String, Object> member : members) {
        if (foldKey(member.getKey()).equals(foldKey(field))) {
          found = member.getValue();
        }
      }
      return found;
    }

    /** Every value whose name folds to {@code field}, in order. */
    List<Object> all(String field) {
      List<Object> all = new ArrayList<>();
      for (Map.Entry<String, Object> member : members) {
        if (foldKey(member.getKey()).equals(foldKey(field))) {
          all.add(member.getValue());
        }
      }
      return all;
    }

    boolean hasFoldDuplicates() {
      Set<String> keys = new HashSet<>();
      for (Map.Entry<String, Object> member : members) {
        if (!keys.add(foldKey(member.getKey()))
            || member.getValue() instanceof Obj child && child.hasFoldDuplicates()) {
          return true;
        }
      }
      return false;
    }
  }

  private static final Object NULL = new Object();

  private final String text;
  private int at;

  private DaemonEquivalentReader(String text) {
    this.text = text;
  }

  static Object read(String json) {
    DaemonEquivalentReader reader = new DaemonEquivalentReader(json);
    Object value = reader.value();
    return value == NULL ? null : value;
  }

  /** Go's fold for the generator's alphabet: ASCII case, long s with s, Kelvin sign with k; Turkic i's stay apart. */
  static String foldKey(String name) {
    StringBuilder key = new StringBuilder();
    name.codePoints()
        .forEach(
            c -> {
              if (c == 0x17F) {
                key.append('s');
              } else if (c == 0x212A) {
                key.append('k');
              } else if (c >= 'A' && c <= 'Z') {
                key.append((char) (c + 32));
              } else {
                key.appendCodePoint(c);
              }
            });
    return key.toString();
  }

  private Object value() {
    skipSpace();
    char c = text.charAt(at);
    if (c == '{') {
      at++;
      List<Map.Entry<String, Object>> members = new ArrayList<>();
      skipSpace();
      if (text.charAt(at) == '}') {
        at++;
        return new Obj(members);
      }
      while (true) {
        skipSpace();
        String name = string();
        skipSpace();
        expect(':');
        Object v = value();
        members.add(new SimpleEntry<>(name, v == NULL ? null : v));
        skipSpace();
        if (text.charAt(at++) == '}') {
          return new Obj(members);
        }
      }
    }
    if (c == '[') {
      at++;
      List<Object> elements = new ArrayList<>();
      skipSpace();
      if (text.charAt(at) == ']') {
        at++;
        return elements;
      }
      while (true) {
        Object v = value();
        elements.add(v == NULL ? null : v);
        skipSpace();
        if (text.charAt(at++) == ']') {
          return elements;
        }
      }
    }
    if (c == '"') {
      return string();
    }
    for (String literal : List.of("true", "false", "null")) {
      if (text.startsWith(literal, at)) {
        at += literal.length();
        return literal.equals("null") ? NULL : Boolean.valueOf(literal);
      }
    }
    int start = at;
    while (at < text.length() && "+-0123456789.eE".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    return Double.valueOf(text.substring(start, at));
  }

  private String string() {
    expect('"');
    StringBuilder s = new StringBuilder();
    while (true) {
      char c = text.charAt(at++);
      if (c == '"') {
        return s.toString();
      }
      if (c != '\\') {
        s.append(c);
        continue;
      }
      char e = text.charAt(at++);
      switch (e) {
        case 'u' -> {
          s.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
          at += 4;
        }
        case 'n' -> s.append('\n');
        case 't' -> s.append('\t');
        case 'r' -> s.append('\r');
        case 'b' -> s.append('\b');
        case 'f' -> s.append('\f');
        default -> s.append(e);
      }
    }
  }

  private void expect(char c) {
    if (text.charAt(at++) != c) {
      throw new IllegalStateException("expected " + c + " at " + (at - 1));
    }
  }

  private void skipSpace() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }
}
