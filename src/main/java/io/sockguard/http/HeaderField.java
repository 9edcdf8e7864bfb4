package io.sockguard.http;

import java.util.Objects;

/**
 * One header field line: a name as received (case preserved) and its value with surrounding OWS
 * removed.
 *
 * <p>The constructor refuses names that are not RFC 9110 tokens and values holding CR, LF, NUL or
 * other control characters (HTAB aside) or characters above U+00FF, so a field built anywhere in
 * sockguard can be written to the wire without header injection. Immutable and thread-safe.
 *
 * @param name field name, an RFC 9110 token
 * @param value field value; ISO-8859-1 characters only, no CTLs except HTAB
 */
public record HeaderField(String name, String value) {

  public HeaderField {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (!Syntax.isToken(name)) {
      throw new IllegalArgumentException("header name is not a token: " + name);
    }
    if (!Syntax.isFieldValue(value)) {
      throw new IllegalArgumentException(
          "header value of " + name + " holds a forbidden character");
    }
  }

  /** True if this field's name equals {@code other} ignoring ASCII case. */
  public boolean isNamed(String other) {
    return Syntax.equalsIgnoreCase(name, other);
  }

  /**
   * Names only: values may carry credentials such as {@code X-Registry-Auth} and must stay out of
   * logs.
   */
  @Override
  public String toString() {
    return "HeaderField[" + name + "]";
  }
}
