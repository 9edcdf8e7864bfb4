package io.sockguard.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PathCanonicalizerTest {

  static Stream<Arguments> accepted() {
    return Stream.of(
        // case, target, versionPrefix, path, rawQuery, forwardTarget
        ok("plain", "/containers/json", "", "/containers/json", null, "/containers/json"),
        ok(
            "versioned",
            "/v1.41/containers/json",
            "/v1.41",
            "/containers/json",
            null,
            "/v1.41/containers/json"),
        ok("version with trailing dot", "/v1.41./info", "/v1.41.", "/info", null, "/v1.41./info"),
        ok("version with leading zero", "/v01.41/info", "/v01.41", "/info", null, "/v01.41/info"),
        ok("major-only version", "/v1/info", "/v1", "/info", null, "/v1/info"),
        ok("dots-only version", "/v.../info", "/v...", "/info", null, "/v.../info"),
        ok("unversioned ping", "/_ping", "", "/_ping", null, "/_ping"),
        ok("repeated slashes", "//containers//json", "", "/containers/json", null, null),
        ok("leading dot segment", "/./containers/json", "", "/containers/json", null, null),
        ok("dot-dot segment", "/images/../containers/json", "", "/containers/json", null, null),
        ok(
            "encoded dot-dot",
            "/containers/%2e%2e/images/json",
            "",
            "/images/json",
            null,
            "/images/json"),
        ok("encoded single dot", "/containers/%2e/json", "", "/containers/json", null, null),
        ok(
            "mixed-case encoded dot-dot",
            "/containers/x/%2E%2e/json",
            "",
            "/containers/json",
            null,
            null),
        ok(
            "encoded letter",
            "/%63ontainers/json",
            "",
            "/containers/json",
            null,
            "/containers/json"),
        ok(
            "encoded percent stays literal",
            "/containers/%252e/json",
            "",
            "/containers/%2e/json",
            null,
            "/containers/%252e/json"),
        ok("trailing slash kept", "/containers/json/", "", "/containers/json/", null, null),
        ok("doubled trailing slash", "/containers/json//", "", "/containers/json/", null, null),
        ok(
            "final dot leaves a trailing slash",
            "/containers/json/.",
            "",
            "/containers/json/",
            null,
            null),
        ok("dot-dot above root", "/../../x", "", "/x", null, "/x"),
        ok("dot-dot to root", "/..", "", "/", null, "/"),
        ok("root", "/", "", "/", null, "/"),
        ok(
            "query preserved raw",
            "/v1.41/containers/json?all=1&filters=%7B%22a%22%7D",
            "/v1.41",
            "/containers/json",
            "all=1&filters=%7B%22a%22%7D",
            "/v1.41/containers/json?all=1&filters=%7B%22a%22%7D"),
        ok("empty query", "/containers/json?", "", "/containers/json", "", "/containers/json?"),
        ok("second question mark is query", "/x?a=b?c", "", "/x", "a=b?c", "/x?a=b?c"),
        ok(
            "image name with slash and tag",
            "/v1.41/images/linuxserver/qbittorrent:latest/json",
            "/v1.41",
            "/images/linuxserver/qbittorrent:latest/json",
            null,
            "/v1.41/images/linuxserver/qbittorrent:latest/json"),
        ok(
            "second version segment not stripped",
            "/v1.41/v1.40/x",
            "/v1.41",
            "/v1.40/x",
            null,
            "/v1.41/v1.40/x"),
        ok("version alone is a path", "/v1.41", "", "/v1.41", null, "/v1.41"),
        ok("version then root", "/v1.41/", "/v1.41", "/", null, "/v1.41/"),
        ok(
            "dot-dot over the version",
            "/v1.41/../containers/json",
            "",
            "/containers/json",
            null,
            null),
        ok("encoded version segment", "/%761.41/info", "/v1.41", "/info", null, "/v1.41/info"),
        ok("capital V is not a version", "/V1.41/info", "", "/V1.41/info", null, null),
        ok("v without digits is not a version", "/v/info", "", "/v/info", null, null),
        ok("utf-8 name", "/volumes/caf%C3%A9", "", "/volumes/café", null, "/volumes/caf%C3%A9"),
        ok(
            "lower-case escapes re-encoded",
            "/volumes/caf%c3%a9",
            "",
            "/volumes/café",
            null,
            "/volumes/caf%C3%A9"),
        ok("encoded space", "/volumes/a%20b", "", "/volumes/a b", null, "/volumes/a%20b"),
        ok("encoded question mark", "/volumes/a%3Fb", "", "/volumes/a?b", null, "/volumes/a%3Fb"),
        ok("encoded hash", "/volumes/a%23b", "", "/volumes/a#b", null, "/volumes/a%23b"),
        ok(
            "sub-delims stay unencoded",
            "/volumes/a;b=c+d@e",
            "",
            "/volumes/a;b=c+d@e",
            null,
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void canonicalizesTarget(
      String name, String target, String prefix, String path, String query, String forward) {
    CanonicalPath p = PathCanonicalizer.canonicalize(target);

    assertEquals(new CanonicalPath(prefix, path, query), p);
    assertEquals(forward, p.forwardTarget());
  }

  static Stream<Arguments> rejected() {
    return Stream.of(
        Arguments.of("encoded slash", "/containers/a%2Fb/json"),
        Arguments.of("encoded slash lower-case", "/containers/a%2fb/json"),
        Arguments.of("encoded NUL", "/containers/a%00/json"),
        Arguments.of("encoded newline", "/containers/a%0A/json"),
        Arguments.of("encoded DEL", "/containers/a%7F/json"),
        Arguments.of("encoded C1 control", "/containers/a%C2%85/json"),
        Arguments.of("truncated escape", "/containers/%2"),
        Arguments.of("escape missing both digits", "/containers/%"),
        Arguments.of("non-hex escape", "/containers/%zz/json"),
        Arguments.of("invalid utf-8", "/volumes/%C3%28"),
        Arguments.of("overlong utf-8 dot", "/volumes/%C0%AE%C0%AE/x"),
        Arguments.of("lone continuation byte", "/volumes/%80"),
        Arguments.of("encoded surrogate", "/volumes/%ED%A0%80"),
        Arguments.of("fragment", "/containers/json#top"),
        Arguments.of("fragment after query", "/containers/json?all=1#top"),
        Arguments.of("raw space", "/containers/ json"),
        Arguments.of("raw tab", "/containers/\tjson"),
        Arguments.of("raw non-ascii", "/volumes/café"),
        Arguments.of("raw control in query", "/containers/json?a=\u0001"),
        Arguments.of("malformed escape in query", "/containers/json?all=%zz"),
        Arguments.of("empty target", ""),
        Arguments.of("asterisk form", "*"),
        Arguments.of("absolute form", "http://docker/containers/json"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void rejectsAmbiguousOrMalformedTarget(String name, String target) {
    assertThrows(PathRejectedException.class, () -> PathCanonicalizer.canonicalize(target));
  }

  @Test
  void rejectionMessageDoesNotEchoTheTarget() {
    PathRejectedException e =
        assertThrows(
            PathRejectedException.class,
            () -> PathCanonicalizer.canonicalize("/containers/<script>%2F/json"));

    assertFalse(e.getMessage().contains("script"), e.getMessage());
    assertEquals(0, e.getStackTrace().length, "no stack trace for client input");
  }

  /** Segments that exercise decoding, dot resolution and version stripping together. */
  private static final List<String> SEGMENTS =
      List.of(
          ".", "..", "%2e", "%2E%2e", "containers", "json", "%63", "", "v1.41", "%25", "%C3%A9");

  @Test
  void canonicalFormIsIdempotentAndDaemonDecodeGivesCheckedPath() {
    Random random = new Random(20240229L);
    for (int run = 0; run < 5_000; run++) {
      StringBuilder target = new StringBuilder();
      int count = random.nextInt(9);
      for (int i = 0; i < count; i++) {
        target.append('/').append(SEGMENTS.get(random.nextInt(SEGMENTS.size())));
      }
      if (target.isEmpty() || random.nextInt(4) == 0) {
        target.append('/');
      }
      if (random.nextInt(3) == 0) {
        target.append("?stream=").append(random.nextInt(2));
      }
      String t = target.toString();

      CanonicalPath once = PathCanonicalizer.canonicalize(t);
      CanonicalPath twice = PathCanonicalizer.canonicalize(once.forwardTarget());

      assertEquals(once, twice, t);
      String forwardPath = once.forwardTarget().split("\\?", 2)[0];
      assertEquals(once.versionPrefix() + once.path(), decodeOnceLikeDockerd(forwardPath), t);
      assertFalse(once.path().contains("//"), t);
      assertFalse(once.path().matches(".*/\\.{1,2}(/.*)?"), t);
    }
  }

  @Test
  void canonicalPathRejectsPrefixThatWouldNeedEncoding() {
    assertThrows(IllegalArgumentException.class, () -> new CanonicalPath("/x y", "/info", null));
    assertThrows(IllegalArgumentException.class, () -> new CanonicalPath("v1.41", "/info", null));
    assertThrows(IllegalArgumentException.class, () -> new CanonicalPath("", "info", null));
    assertTrue(new CanonicalPath("/v1.41", "/info", null).forwardTarget().startsWith("/v1.41/"));
  }

  /** Go's url.PathUnescape as dockerd applies it to the request path: one pass, bytes as UTF-8. */
  private static String decodeOnceLikeDockerd(String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static Arguments ok(
      String name, String target, String prefix, String path, String query, String forward) {
    // A null forward target means "the canonical form itself needs no encoding".
    String expectedForward =
        forward != null ? forward : prefix + path + (query == null ? "" : "?" + query);
    return Arguments.of(name, target, prefix, path, query, expectedForward);
  }
}
