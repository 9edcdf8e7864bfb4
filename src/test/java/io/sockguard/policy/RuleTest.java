package io.sockguard.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleTest {

  static Stream<Arguments> matching() {
    return Stream.of(
        // case, rule method, pattern, request method, path, expected
        Arguments.of("literal", "GET", "/containers/json", "GET", "/containers/json", true),
        Arguments.of(
            "literal is case-sensitive",
            "GET",
            "/containers/json",
            "GET",
            "/Containers/json",
            false),
        Arguments.of(
            "literal longer path", "GET", "/containers/json", "GET", "/containers/json/x", false),
        Arguments.of(
            "literal shorter path", "GET", "/containers/json", "GET", "/containers", false),
        Arguments.of(
            "star one segment", "GET", "/containers/*/json", "GET", "/containers/abc/json", true),
        Arguments.of(
            "star not two segments",
            "GET",
            "/containers/*/json",
            "GET",
            "/containers/a/b/json",
            false),
        Arguments.of(
            "star not zero segments",
            "GET",
            "/containers/*/json",
            "GET",
            "/containers/json",
            false),
        Arguments.of(
            "star not empty trailing segment",
            "GET",
            "/containers/*",
            "GET",
            "/containers/",
            false),
        Arguments.of("star at end", "DELETE", "/containers/*", "DELETE", "/containers/abc", true),
        Arguments.of(
            "double star zero segments", "GET", "/images/**/json", "GET", "/images/json", true),
        Arguments.of(
            "double star one segment",
            "GET",
            "/images/**/json",
            "GET",
            "/images/busybox/json",
            true),
        Arguments.of(
            "double star many segments",
            "GET",
            "/images/**/json",
            "GET",
            "/images/linuxserver/qbittorrent:latest/json",
            true),
        Arguments.of(
            "double star needs the suffix",
            "GET",
            "/images/**/json",
            "GET",
            "/images/a/history",
            false),
        Arguments.of(
            "double star backtracks", "GET", "/images/**/json", "GET", "/images/json/x/json", true),
        Arguments.of(
            "double star trailing", "GET", "/containers/**", "GET", "/containers/a/b/c", true),
        Arguments.of(
            "double star trailing zero", "GET", "/containers/**", "GET", "/containers", true),
        Arguments.of(
            "double star trailing slash", "GET", "/containers/**", "GET", "/containers/", true),
        Arguments.of(
            "double star then star", "GET", "/**/*/logs", "GET", "/containers/a/logs", true),
        Arguments.of("double star then star needs one", "GET", "/**/*/logs", "GET", "/logs", false),
        Arguments.of("two double stars", "POST", "/**/x/**/y", "POST", "/a/x/b/x/c/y", true),
        Arguments.of("two double stars miss", "POST", "/**/x/**/y", "POST", "/a/y/x", false),
        Arguments.of("everything", "*", "/**", "PATCH", "/anything/at/all", true),
        Arguments.of("everything includes root", "GET", "/**", "GET", "/", true),
        Arguments.of("root pattern", "GET", "/", "GET", "/", true),
        Arguments.of("root pattern not a path", "GET", "/", "GET", "/info", false),
        Arguments.of(
            "trailing slash path vs plain pattern",
            "GET",
            "/containers/json",
            "GET",
            "/containers/json/",
            false),
        Arguments.of(
            "trailing slash pattern vs plain path",
            "GET",
            "/containers/json/",
            "GET",
            "/containers/json",
            false),
        Arguments.of(
            "trailing slash both", "GET", "/containers/json/", "GET", "/containers/json/", true),
        Arguments.of("empty path matches nothing", "*", "/**", "GET", "", false),
        Arguments.of("relative path matches nothing", "*", "/**", "GET", "containers/json", false),
        Arguments.of("method star", "*", "/_ping", "HEAD", "/_ping", true),
        Arguments.of("get does not cover head", "GET", "/_ping", "HEAD", "/_ping", false),
        Arguments.of("method is case-sensitive", "GET", "/_ping", "get", "/_ping", false),
        Arguments.of(
            "other method", "POST", "/containers/create", "PUT", "/containers/create", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matching")
  void matchesSegmentWise(
      String name,
      String ruleMethod,
      String pattern,
      String method,
      String path,
      boolean expected) {
    Rule rule = new Rule(0, ruleMethod, pattern, Action.ALLOW, null);

    assertEquals(expected, rule.matches(method, path));
    assertEquals(expected, new Policy(List.of(rule)).decide(method, path).isAllowed());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        // case, index, method, pattern, reason, message fragment
        Arguments.of("negative index", -1, "GET", "/x", null, "index must be >= 0"),
        Arguments.of("null method", 0, null, "/x", null, "method must be"),
        Arguments.of("empty method", 0, "", "/x", null, "method must be"),
        Arguments.of("lower-case method", 0, "get", "/x", null, "upper-case"),
        Arguments.of("method with space", 0, "GET ", "/x", null, "HTTP method token"),
        Arguments.of("method with star", 0, "GE*", "/x", null, "HTTP method token"),
        Arguments.of("null pattern", 0, "GET", null, null, "must start with '/'"),
        Arguments.of("relative pattern", 0, "GET", "containers/json", null, "must start with '/'"),
        Arguments.of(
            "glob inside segment", 0, "GET", "/v*/info", null, "'*' must be a whole segment"),
        Arguments.of(
            "glob suffix", 0, "GET", "/containers/abc*", null, "'*' must be a whole segment"),
        Arguments.of("triple star", 0, "GET", "/***", null, "'*' must be a whole segment"),
        Arguments.of("empty middle segment", 0, "GET", "/containers//json", null, "empty segment"),
        Arguments.of("double leading slash", 0, "GET", "//containers", null, "empty segment"),
        Arguments.of("dot segment", 0, "GET", "/containers/./json", null, "'.' or '..'"),
        Arguments.of("dot-dot segment", 0, "GET", "/containers/..", null, "'.' or '..'"),
        Arguments.of("percent-encoded", 0, "GET", "/containers/%2A/json", null, "unencoded"),
        Arguments.of("query in pattern", 0, "GET", "/containers/json?all=1", null, "not the query"),
        Arguments.of("fragment in pattern", 0, "GET", "/containers/json#x", null, "not the query"),
        Arguments.of("space in pattern", 0, "GET", "/containers/a b", null, "whitespace"),
        Arguments.of("control in pattern", 0, "GET", "/containers/a\u0000", null, "control"),
        Arguments.of("newline in reason", 0, "GET", "/x", "a\nb", "reason must not contain"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejectsInvalidRule(
      String name, int index, String method, String pattern, String reason, String fragment) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Rule(index, method, pattern, Action.DENY, reason));

    assertTrue(e.getMessage().contains(fragment), e.getMessage());
  }

  @Test
  void rejectsMissingAction() {
    assertThrows(NullPointerException.class, () -> new Rule(0, "GET", "/x", null, null));
  }
}
