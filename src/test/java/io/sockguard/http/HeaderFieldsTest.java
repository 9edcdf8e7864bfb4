package io.sockguard.http;

import static io.sockguard.http.Wire.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HeaderFieldsTest {

  private final HeaderFields headers =
      fields("Host", "docker", "X-Multi", "a", "x-multi", "b", "Connection", "keep-alive, Upgrade");

  @Test
  void looksUpNamesCaseInsensitively() {
    assertEquals(Optional.of("docker"), headers.first("HOST"));
    assertEquals(Optional.of("a"), headers.first("x-MULTI"));
    assertEquals(List.of("a", "b"), headers.values("X-Multi"));
    assertEquals(List.of(), headers.values("Absent"));
    assertEquals(2, headers.count("x-multi"));
    assertTrue(headers.contains("connection"));
    assertFalse(headers.contains("Absent"));
    assertEquals(Optional.empty(), headers.first("Absent"));
  }

  @Test
  void doesNotFoldNonAsciiLikeJava() {
    // "Hoſt".equalsIgnoreCase("Host") is true in Java; no HTTP peer folds U+017F to 's'.
    assertEquals(Optional.empty(), headers.first("Ho\u017ft"));
    assertEquals(Optional.empty(), fields("Kind", "x").first("\u212aind"));
  }

  static Stream<Arguments> containsToken() {
    return Stream.of(
        Arguments.of("exact", "Upgrade", "Upgrade", true),
        Arguments.of("other case", "UPGRADE", "upgrade", true),
        Arguments.of("second of list", "keep-alive, Upgrade", "upgrade", true),
        Arguments.of("first of list", "close,x-a", "close", true),
        Arguments.of("OWS around", " \tclose\t , x", "close", true),
        Arguments.of("empty elements", ",, close ,", "close", true),
        Arguments.of("substring is no token", "keep-alive", "alive", false),
        Arguments.of("token with suffix", "closed", "close", false),
        Arguments.of("empty value", "", "close", false),
        Arguments.of("Unicode fold of the token", "keep-alive", "\u212aeep-alive", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void containsToken(String name, String value, String token, boolean expected) {
    assertEquals(expected, fields("Connection", value).containsToken("connection", token));
  }

  @Test
  void containsTokenLooksAcrossRepeatedFields() {
    assertTrue(
        fields("Connection", "keep-alive", "Connection", "Upgrade")
            .containsToken("Connection", "upgrade"));
    assertFalse(fields("X-Other", "Upgrade").containsToken("Connection", "upgrade"));
  }

  @Test
  void withoutRemovesMatchingNamesAndKeepsOrder() {
    HeaderFields stripped = headers.without(n -> n.equalsIgnoreCase("x-multi"));

    assertEquals(fields("Host", "docker", "Connection", "keep-alive, Upgrade"), stripped);
    assertSame(headers, headers.without(n -> false));
    assertEquals(0, headers.without(n -> true).size());
  }

  @Test
  void withAppendsAndReplacingRemovesEveryOccurrenceFirst() {
    assertEquals(fields("A", "1", "B", "2", "A", "3"), fields("A", "1", "B", "2").with("A", "3"));
    assertEquals(
        fields("B", "2", "a", "9"), fields("A", "1", "B", "2", "a", "3").replacing("a", "9"));
    assertEquals(fields("X", "1"), HeaderFields.empty().replacing("X", "1"));
  }

  @Test
  void ofCopiesItsInput() {
    List<HeaderField> source = new ArrayList<>(List.of(new HeaderField("A", "1")));
    HeaderFields copy = HeaderFields.of(source);
    source.add(new HeaderField("B", "2"));

    assertEquals(1, copy.size());
    assertThrows(
        UnsupportedOperationException.class, () -> copy.all().add(new HeaderField("C", "3")));
  }

  @Test
  void toStringNamesFieldsButNeverValues() {
    String text = fields("X-Registry-Auth", "c2VjcmV0").toString();

    assertTrue(text.contains("X-Registry-Auth"), text);
    assertFalse(text.contains("c2VjcmV0"), text);
    assertFalse(new HeaderField("Authorization", "Bearer t0k").toString().contains("t0k"));
  }

  static Stream<Arguments> refusesUnsafeFields() {
    return Stream.of(
        Arguments.of("CRLF in value", "X", "a\r\nInjected: 1"),
        Arguments.of("LF in value", "X", "a\nb"),
        Arguments.of("CR in value", "X", "a\rb"),
        Arguments.of("NUL in value", "X", "a\u0000"),
        Arguments.of("DEL in value", "X", "\u007f"),
        Arguments.of("beyond Latin-1 in value", "X", "\u2028"),
        Arguments.of("empty name", "", "v"),
        Arguments.of("space in name", "X Y", "v"),
        Arguments.of("colon in name", "X:", "v"),
        Arguments.of("CRLF in name", "X\r\nY", "v"),
        Arguments.of("non-ASCII name", "X-\u00e9", "v"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void refusesUnsafeFields(String name, String fieldName, String value) {
    assertThrows(IllegalArgumentException.class, () -> new HeaderField(fieldName, value));
  }

  @Test
  void acceptsTabsAndLatin1InValues() {
    assertEquals("a\tb caf\u00e9", new HeaderField("X", "a\tb caf\u00e9").value());
  }
}
