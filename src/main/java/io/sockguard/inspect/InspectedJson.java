package io.sockguard.inspect;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A read-only view of one value in a request body, read the way dockerd's Go decoder reads it, or refused.
 *
 * <p>{@link #parse} accepts only bodies whose meaning cannot differ between us and the daemon: strict UTF-8 (Go
 * would replace bad bytes with U+FFFD), no unpaired surrogate escapes (likewise), nesting at most {@link #MAX_DEPTH}, and
 * no object holding two members whose names are equal under {@link GoFold}: the daemon matches struct fields that way
 * and keeps the last duplicate, so any such pair is ambiguous. This holds for map-typed objects too (labels, driver
 * options), where Go compares exactly; refusing there is stricter than needed, and simpler than knowing each type.
 *
 * <p>Navigation never fails on absence: {@link #member} of a missing value or of JSON {@code null} is missing, as Go
 * leaves such fields at their zero value. A present value of the wrong type is refused, since the daemon would refuse
 * it too and guessing is how bypasses start. Immutable; safe to share once built.
 */
final class InspectedJson {

  /** Deepest nesting of arrays and objects inspected; real Docker bodies stay under 10. */
  static final int MAX_DEPTH = 64;

  /** Each object's members by {@link GoFold#key}, built once while checking names, shared by every view. */
  private final Map<JsonObject, Map<String, JsonValue>> folded;

  private final JsonValue value; // null when missing
  private final Where where;

  private InspectedJson(Map<JsonObject, Map<String, JsonValue>> folded, JsonValue value, Where where) {
    this.folded = folded;
    this.value = value;
    this.where = where;
  }

  /**
   * A location, linked to its parent so that the text is only built when a refusal needs it: inspecting a body walks
   * hundreds of members and refuses at most one.
   *
   * @param member the member name, or null for an array element or the root
   */
  private record Where(Where parent, String member, int index, boolean isMapEntry) {

    static final Where ROOT = new Where(null, null, -1, false);

    Where member(String name) {
      return new Where(this, name, -1, false);
    }

    Where entry(String name) {
      return new Where(this, name, -1, true);
    }

    Where element(int i) {
      return new Where(this, null, i, false);
    }

    @Override
    public String toString() {
      if (parent == null) {
        return "";
      }
      String before = parent.toString();
      if (isMapEntry) {
        return before + "[" + quote(member) + "]";
      }
      if (member == null) {
        return before + "[" + index + "]";
      }
      return before.isEmpty() ? member : before + "." + member;
    }
  }

  /**
   * Parses a whole body.
   *
   * @throws BodyRefusal if it is empty, not strict UTF-8 JSON, nested deeper than {@link #MAX_DEPTH}, followed by
   *     anything but whitespace, or holds duplicate or fold-equal member names or unpaired surrogates anywhere
   */
  static InspectedJson parse(byte[] body) {
    String text = decodeUtf8(body);
    checkDepth(text);
    JsonValue root;
    try {
      root = Json.parse(text);
    } catch (ParseException e) {
      throw new BodyRefusal("", "the body is not valid JSON: " + e.getMessage());
    }
    Map<JsonObject, Map<String, JsonValue>> folded = new IdentityHashMap<>();
    checkNames(root, Where.ROOT, folded);
    return new InspectedJson(folded, root, Where.ROOT);
  }

  private InspectedJson child(JsonValue childValue, Where childWhere) {
    return new InspectedJson(folded, childValue, childWhere);
  }

  /** Where this value sits, as a reader would write it: {@code HostConfig.Binds[2]}; {@code ""} for the root. */
  String path() {
    return where.toString();
  }

  /** Whether the value is present and not JSON {@code null}. */
  boolean isPresent() {
    return value != null && !value.isNull();
  }

  /** Whether the value is present as JSON {@code null} or absent: Go leaves a slice or pointer nil for both. */
  boolean isNullOrMissing() {
    return !isPresent();
  }

  boolean isObject() {
    return isPresent() && value.isObject();
  }

  /** The member Go would decode into a struct field named {@code field}: matched under {@link GoFold}. */
  InspectedJson member(String field) {
    Where childWhere = where.member(field);
    if (!isPresent()) {
      return child(null, childWhere);
    }
    // Names are unique under folding (checked in parse), so this is the one member Go would pick.
    return child(folded.get(object()).get(GoFold.key(field)), childWhere);
  }

  /** The members of a map-typed object (labels, options), by exact name as Go's map decoding keeps them. */
  Map<String, InspectedJson> entries() {
    if (!isPresent()) {
      return Map.of();
    }
    Map<String, InspectedJson> entries = new LinkedHashMap<>();
    for (JsonObject.Member m : object()) {
      entries.put(m.getName(), child(m.getValue(), where.entry(m.getName())));
    }
    return entries;
  }

  /** The entry of a map-typed object named exactly {@code name}, or missing. */
  InspectedJson entry(String name) {
    InspectedJson found = entries().get(name);
    return found == null ? child(null, where.entry(name)) : found;
  }

  /** The elements of an array; none when missing or null. */
  List<InspectedJson> elements() {
    if (!isPresent()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw wrongType("an array");
    }
    List<InspectedJson> elements = new ArrayList<>(value.asArray().size());
    int index = 0;
    for (JsonValue element : value.asArray()) {
      elements.add(child(element, where.element(index++)));
    }
    return elements;
  }

  /** The elements of an array of strings ({@code null} elements read as {@code ""}, as Go does). */
  List<String> strings() {
    List<String> strings = new ArrayList<>();
    for (InspectedJson element : elements()) {
      strings.add(element.string(""));
    }
    return strings;
  }

  /** The boolean, or false when missing or null. */
  boolean flag() {
    if (!isPresent()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw wrongType("true or false");
    }
    return value.asBoolean();
  }

  /** The string, or {@code absent} when missing or null. */
  String string(String absent) {
    if (!isPresent()) {
      return absent;
    }
    if (!value.isString()) {
      throw wrongType("a string");
    }
    return value.asString();
  }

  /** The integer, or {@code absent} when missing or null; fractions and exponents are refused, as Go does for int64. */
  long integer(long absent) {
    if (!isPresent()) {
      return absent;
    }
    if (!value.isNumber()) {
      throw wrongType("an integer");
    }
    try {
      return Long.parseLong(value.toString());
    } catch (NumberFormatException e) {
      throw wrongType("an integer in the int64 range");
    }
  }

  /** A refusal that names this value's path. */
  BodyRefusal refuse(String message) {
    return new BodyRefusal(path(), message);
  }

  private JsonObject object() {
    if (!value.isObject()) {
      throw wrongType("an object");
    }
    return value.asObject();
  }

  private BodyRefusal wrongType(String expected) {
    return refuse("expected " + expected + ", got " + describe(value));
  }

  private static String describe(JsonValue value) {
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "an array";
    }
    if (value.isString()) {
      return "a string";
    }
    if (value.isBoolean()) {
      return "a boolean";
    }
    return "the number " + value;
  }

  private static String decodeUtf8(byte[] body) {
    if (body.length == 0) {
      throw new BodyRefusal("", "the body is empty; expected a JSON object");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new BodyRefusal("", "the body is not valid UTF-8");
    }
  }

  /**
   * Counts nesting before minimal-json sees the text: its parser recurses per level, so depth is checked first, in one
   * pass that skips string contents.
   */
  private static void checkDepth(String text) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '[' || c == '{') {
        if (++depth > MAX_DEPTH) {
          throw new BodyRefusal("", "the body nests deeper than " + MAX_DEPTH + " levels");
        }
      } else if (c == ']' || c == '}') {
        depth--;
      }
    }
  }

  /** Refuses fold-equal member names and unpaired surrogates anywhere in the tree. */
  private static void checkNames(JsonValue value, Where path, Map<JsonObject, Map<String, JsonValue>> folded) {
    if (value.isString()) {
      checkSurrogates(value.asString(), path);
    } else if (value.isArray()) {
      int index = 0;
      for (JsonValue element : value.asArray()) {
        checkNames(element, path.element(index++), folded);
      }
    } else if (value.isObject()) {
      Map<String, String> seen = new HashMap<>();
      Map<String, JsonValue> byKey = new HashMap<>();
      for (JsonObject.Member m : value.asObject()) {
        String name = m.getName();
        Where childPath = path.member(name);
        checkSurrogates(name, childPath);
        String key = GoFold.key(name);
        String earlier = seen.putIfAbsent(key, name);
        if (earlier != null) {
          throw new BodyRefusal(
              childPath.toString(),
              earlier.equals(name)
                  ? "member " + quote(name) + " appears twice; the daemon would silently use the last"
                  : "members " + quote(earlier) + " and " + quote(name)
                      + " name the same field to the daemon, which would silently use the last");
        }
        byKey.put(key, m.getValue());
        checkNames(m.getValue(), childPath, folded);
      }
      folded.put(value.asObject(), byKey);
    }
  }

  private static void checkSurrogates(String s, Where path) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new BodyRefusal(path.toString(), "unpaired surrogate escape; the daemon would read it as U+FFFD");
      }
    }
  }

  static String quote(String s) {
    StringBuilder quoted = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < ' ' || c == 0x7f) {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }
}
