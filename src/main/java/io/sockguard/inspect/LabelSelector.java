package io.sockguard.inspect;

import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker-style label selectors, ANDed: {@code key} needs the label present, {@code key=value} needs that value.
 * Immutable; an empty selector matches everything.
 */
public record LabelSelector(List<Term> terms) {
  public static final LabelSelector ALL = new LabelSelector(List.of());

  /** One condition; {@code value} null means "present with any value". */
  public record Term(String key, String value) {}

  public LabelSelector {
    terms = List.copyOf(terms);
  }

  public static LabelSelector parse(List<String> selectors) {
    List<Term> terms = new ArrayList<>();
    for (String selector : selectors) {
      int eq = selector.indexOf('=');
      terms.add(eq < 0 ? new Term(selector, null) : new Term(selector.substring(0, eq), selector.substring(eq + 1)));
    }
    return new LabelSelector(terms);
  }

  public boolean isEmpty() {
    return terms.isEmpty();
  }

  /** Whether a JSON labels object (or null / JSON null: no labels) satisfies every term. */
  public boolean matches(JsonValue labels) {
    if (terms.isEmpty()) {
      return true;
    }
    if (labels == null || !labels.isObject()) {
      return false;
    }
    JsonObject object = labels.asObject();
    for (Term term : terms) {
      JsonValue value = object.get(term.key());
      if (value == null || !value.isString()) {
        return false;
      }
      if (term.value() != null && !term.value().equals(value.asString())) {
        return false;
      }
    }
    return true;
  }
}
