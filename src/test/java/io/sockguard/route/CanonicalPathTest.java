package io.sockguard.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CanonicalPathTest {

  static Stream<Arguments> params() {
    return Stream.of(
        // case, raw query, name, expected first value
        Arguments.of("no query", null, "all", null),
        Arguments.of("absent", "size=1", "all", null),
        Arguments.of("plain value", "all=1", "all", "1"),
        Arguments.of("first of several", "all=1&all=0", "all", "1"),
        Arguments.of("key without value", "all", "all", ""),
        Arguments.of("key with empty value", "all=", "all", ""),
        Arguments.of("percent-decoded value", "filters=%7B%22a%22%7D", "filters", "{\"a\"}"),
        Arguments.of("plus is a space", "q=a+b", "q", "a b"),
        Arguments.of("encoded key", "%61ll=1", "all", "1"),
        Arguments.of("prefix of a longer key", "allx=1&all=2", "all", "2"),
        Arguments.of("value with equals", "label=a=b", "label", "a=b"),
        Arguments.of("empty pairs skipped", "&&all=1&", "all", "1"),
        Arguments.of("pair with semicolon skipped", "all=1;x&all=2", "all", "2"),
        Arguments.of("utf-8 value", "name=caf%C3%A9", "name", "café"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("params")
  void readsFirstQueryValueLikeGo(String name, String rawQuery, String key, String expected) {
    assertEquals(expected, new CanonicalPath("", "/x", rawQuery).queryParam(key));
  }

  static Stream<Arguments> flags() {
    return Stream.of(
        // case, raw query, expected flag
        Arguments.of("absent", "other=1", false),
        Arguments.of("no query", null, false),
        Arguments.of("one", "stream=1", true),
        Arguments.of("true", "stream=true", true),
        Arguments.of("True", "stream=True", true),
        Arguments.of("yes", "stream=yes", true),
        Arguments.of("any other word", "stream=maybe", true),
        Arguments.of("empty", "stream=", false),
        Arguments.of("bare key", "stream", false),
        Arguments.of("zero", "stream=0", false),
        Arguments.of("false", "stream=false", false),
        Arguments.of("FALSE", "stream=FALSE", false),
        Arguments.of("no", "stream=No", false),
        Arguments.of("none", "stream=none", false),
        Arguments.of("padded false", "stream=%20false%09", false),
        Arguments.of("no-break space trimmed like Go", "stream=%C2%A00", false),
        Arguments.of("long s is not s to Go", "stream=fal%C5%BFe", true),
        Arguments.of("zero after plus-space", "stream=+0", false),
        Arguments.of("first value wins", "stream=0&stream=1", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flags")
  void parsesFlagLikeDocker(String name, String rawQuery, boolean expected) {
    assertEquals(expected, new CanonicalPath("", "/x", rawQuery).queryFlag("stream"));
  }
}
