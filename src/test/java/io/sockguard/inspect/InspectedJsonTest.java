package io.sockguard.inspect;

import static io.sockguard.inspect.Bodies.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InspectedJsonTest {

  static Stream<Arguments> refusedBodies() {
    return Stream.of(
        // case, body bytes, field named
        Arguments.of("empty", new byte[0], ""),
        Arguments.of("not JSON", json("{'a':"), ""),
        Arguments.of("trailing value, which Go's decoder would ignore", json("{'a':1} {'Privileged':true}"), ""),
        Arguments.of("invalid UTF-8", new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}, ""),
        Arguments.of("overlong UTF-8 slash", new byte[] {'"', (byte) 0xC0, (byte) 0xAF, '"'}, ""),
        Arguments.of("lone surrogate escape in a name", json("{'\\ud800':1}"), "\ud800"),
        Arguments.of("lone surrogate escape in a value", json("{'a':['\\udc00']}"), "a[0]"),
        Arguments.of("exact duplicate", json("{'a':1,'a':2}"), "a"),
        Arguments.of("duplicate differing in case", json("{'Binds':1,'binds':2}"), "binds"),
        Arguments.of("duplicate through long s", json("{'Binds':1,'Bind\u017F':2}"), "Bind\u017F"),
        Arguments.of("duplicate deep in an array", json("{'a':[{},{'x':{'k':1,'\\u212A':2}}]}"), "a[1].x.\u212A"),
        Arguments.of("duplicate inside a map-typed object", json("{'Labels':{'a':'1','A':'2'}}"), "Labels.A"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void refusedBodies(String name, byte[] body, String field) {
    BodyRefusal refusal = assertThrows(BodyRefusal.class, () -> InspectedJson.parse(body));
    assertEquals(field, refusal.field(), refusal.getMessage());
  }

  @Test
  void acceptsTheDeepestAllowedNesting() {
    String nested = "[".repeat(InspectedJson.MAX_DEPTH) + "]".repeat(InspectedJson.MAX_DEPTH);
    assertTrue(InspectedJson.parse(nested.getBytes(StandardCharsets.UTF_8)).isPresent());
  }

  @Test
  void refusesOneLevelDeeperWithoutRecursing() {
    String nested = "[".repeat(InspectedJson.MAX_DEPTH + 1) + "]".repeat(InspectedJson.MAX_DEPTH + 1);
    assertThrows(BodyRefusal.class, () -> InspectedJson.parse(nested.getBytes(StandardCharsets.UTF_8)));
    String huge = "{\"a\":".repeat(100_000); // would overflow a recursive parser's stack
    assertThrows(BodyRefusal.class, () -> InspectedJson.parse(huge.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void bracketsInsideStringsDoNotCountAsNesting() {
    String body = "{\"a\":\"" + "[".repeat(200) + "\\\"{\"}";
    assertEquals("[".repeat(200) + "\"{", InspectedJson.parse(body.getBytes(StandardCharsets.UTF_8))
        .member("a").string(""));
  }

  @Test
  void looksMembersUpUnderGoFoldingAndEntriesExactly() {
    InspectedJson body = InspectedJson.parse(json("{'hostconfig':{'bind\u017F':['x']},'Labels':{'Team':'a'}}"));
    assertEquals(List.of("x"), body.member("HostConfig").member("Binds").strings());
    assertEquals("HostConfig.Binds", body.member("HostConfig").member("Binds").path());
    assertEquals("a", body.member("Labels").entry("Team").string(""));
    assertTrue(body.member("Labels").entry("team").isNullOrMissing());
  }

  @Test
  void missingAndNullReadAsGoZeroValues() {
    InspectedJson body = InspectedJson.parse(json("{'a':null}"));
    assertEquals(false, body.member("a").flag());
    assertEquals(List.of(), body.member("a").elements());
    assertEquals(7, body.member("b").member("c").integer(7));
  }

  @Test
  void refusesWrongTypesNamingTheField() {
    InspectedJson body = InspectedJson.parse(json("{'a':{'b':'yes','n':1.5,'big':9223372036854775808}}"));
    assertEquals("a.b", assertThrows(BodyRefusal.class, () -> body.member("a").member("b").flag()).field());
    assertThrows(BodyRefusal.class, () -> body.member("a").member("n").integer(0));
    assertThrows(BodyRefusal.class, () -> body.member("a").member("big").integer(0));
    assertThrows(BodyRefusal.class, () -> body.member("a").member("b").member("c"));
  }
}
