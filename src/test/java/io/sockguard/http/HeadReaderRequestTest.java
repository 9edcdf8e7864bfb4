package io.sockguard.http;

import static io.sockguard.http.Wire.reader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HeadReaderRequestTest {

  private static final String HOST = "Host: docker\r\n";

  static Stream<Arguments> acceptedRequestLines() {
    return Stream.of(
        Arguments.of("plain GET 1.1", "GET /_ping HTTP/1.1\r\n" + HOST + "\r\n", "GET", "/_ping", HttpVersion.HTTP_1_1),
        Arguments.of("HTTP/1.0 without Host", "GET /_ping HTTP/1.0\r\n\r\n", "GET", "/_ping", HttpVersion.HTTP_1_0),
        Arguments.of("HTTP/1.0 with one Host", "GET / HTTP/1.0\r\n" + HOST + "\r\n", "GET", "/", HttpVersion.HTTP_1_0),
        Arguments.of("lowercase method kept as-is", "get / HTTP/1.1\r\n" + HOST + "\r\n", "get", "/", HttpVersion.HTTP_1_1),
        Arguments.of("mixed-case method kept", "Post / HTTP/1.1\r\n" + HOST + "\r\n", "Post", "/", HttpVersion.HTTP_1_1),
        Arguments.of("method with every tchar symbol", "!#$%&'*+-.^_`|~ / HTTP/1.1\r\n" + HOST + "\r\n",
            "!#$%&'*+-.^_`|~", "/", HttpVersion.HTTP_1_1),
        Arguments.of("POST shared constant", "POST /build HTTP/1.1\r\n" + HOST + "\r\n", "POST", "/build", HttpVersion.HTTP_1_1),
        Arguments.of("HEAD", "HEAD / HTTP/1.1\r\n" + HOST + "\r\n", "HEAD", "/", HttpVersion.HTTP_1_1),
        Arguments.of("DELETE", "DELETE /v1.45/containers/x HTTP/1.1\r\n" + HOST + "\r\n", "DELETE",
            "/v1.45/containers/x", HttpVersion.HTTP_1_1),
        Arguments.of("query with escapes", "GET /v1.45/containers/json?all=1&filters=%7B%22a%22%7D HTTP/1.1\r\n" + HOST
            + "\r\n", "GET", "/v1.45/containers/json?all=1&filters=%7B%22a%22%7D", HttpVersion.HTTP_1_1),
        Arguments.of("double slash is still origin-form", "GET //x HTTP/1.1\r\n" + HOST + "\r\n", "GET", "//x",
            HttpVersion.HTTP_1_1),
        Arguments.of("target with tilde and brackets", "GET /a~b[0] HTTP/1.1\r\n" + HOST + "\r\n", "GET", "/a~b[0]",
            HttpVersion.HTTP_1_1),
        Arguments.of("one leading empty line skipped", "\r\nGET / HTTP/1.1\r\n" + HOST + "\r\n", "GET", "/",
            HttpVersion.HTTP_1_1),
        Arguments.of("leading empty lines at the bound",
            "\r\n".repeat(HeadReader.MAX_LEADING_EMPTY_LINES) + "GET / HTTP/1.1\r\n" + HOST + "\r\n", "GET", "/",
            HttpVersion.HTTP_1_1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void acceptedRequestLines(String name, String wire, String method, String target, HttpVersion version)
      throws IOException {
    RequestHead head = reader(wire).readRequest();

    assertEquals(method, head.method());
    assertEquals(target, head.target());
    assertEquals(version, head.version());
  }

  static Stream<Arguments> rejectedRequests() {
    return Stream.of(
        // line endings
        Arguments.of("bare LF after request line", "GET / HTTP/1.1\n" + HOST + "\r\n", 400),
        Arguments.of("bare LF after header", "GET / HTTP/1.1\r\nHost: docker\n\r\n", 400),
        Arguments.of("bare LF as blank line", "GET / HTTP/1.1\r\n" + HOST + "\n", 400),
        Arguments.of("bare CR in request line", "GET / HTTP/1.1\rX\r\n" + HOST + "\r\n", 400),
        Arguments.of("bare CR inside header value", "GET / HTTP/1.1\r\n" + HOST + "X-A: a\rb\r\n\r\n", 400),
        Arguments.of("CR CR LF", "GET / HTTP/1.1\r\r\n" + HOST + "\r\n", 400),
        Arguments.of("bare LF as leading empty line", "\nGET / HTTP/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("leading empty lines over the bound",
            "\r\n".repeat(HeadReader.MAX_LEADING_EMPTY_LINES + 1) + "GET / HTTP/1.1\r\n" + HOST + "\r\n", 400),
        // request line shape
        Arguments.of("double space after method", "GET  / HTTP/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("double space before version", "GET /  HTTP/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("tab as separator", "GET\t/ HTTP/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("leading space", " GET / HTTP/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("trailing space after version", "GET / HTTP/1.1 \r\n" + HOST + "\r\n", 400),
        Arguments.of("no version", "GET /\r\n" + HOST + "\r\n", 400),
        Arguments.of("method only", "GET\r\n" + HOST + "\r\n", 400),
        Arguments.of("method and space only", "GET \r\n" + HOST + "\r\n", 400),
        Arguments.of("space inside target", "GET /a b HTTP/1.1\r\n" + HOST + "\r\n", 400),
        // method
        Arguments.of("method with parenthesis", "GE(T / HTTP/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("method with slash", "GET/ / HTTP/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("method with non-ASCII byte", "G\u00c9T / HTTP/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("method with NUL", "G\u0000T / HTTP/1.1\r\n" + HOST + "\r\n", 400),
        // target
        Arguments.of("absolute-form target", "GET http://docker/_ping HTTP/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("asterisk-form target", "OPTIONS * HTTP/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("authority-form target", "CONNECT docker:2375 HTTP/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("relative target", "GET _ping HTTP/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("target with control char", "GET /a\u0001b HTTP/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("target with tab", "GET /a\tb HTTP/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("target with NUL", "GET /a\u0000 HTTP/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("target with DEL", "GET /a\u007f HTTP/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("target with byte 0x80", "GET /a\u0080 HTTP/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("target with byte 0xFF", "GET /\u00ff HTTP/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("target with fragment", "GET /_ping#x HTTP/1.1\r\n" + HOST + "\r\n", 400),
        // version
        Arguments.of("lowercase HTTP-name", "GET / http/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("version without minor", "GET / HTTP/1\r\n" + HOST + "\r\n", 400),
        Arguments.of("two-digit minor", "GET / HTTP/1.10\r\n" + HOST + "\r\n", 400),
        Arguments.of("two-digit major", "GET / HTTP/11.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("letter as minor", "GET / HTTP/1.x\r\n" + HOST + "\r\n", 400),
        Arguments.of("comma as dot", "GET / HTTP/1,1\r\n" + HOST + "\r\n", 400),
        Arguments.of("other protocol", "GET / HTTQ/1.1\r\n" + HOST + "\r\n", 400),
        Arguments.of("HTTP/2.0", "GET / HTTP/2.0\r\n" + HOST + "\r\n", 505),
        Arguments.of("HTTP/0.9", "GET / HTTP/0.9\r\n" + HOST + "\r\n", 505),
        Arguments.of("HTTP/1.2", "GET / HTTP/1.2\r\n" + HOST + "\r\n", 505),
        Arguments.of("HTTP/1.9", "GET / HTTP/1.9\r\n" + HOST + "\r\n", 505),
        Arguments.of("HTTP/3.0", "GET / HTTP/3.0\r\n" + HOST + "\r\n", 505),
        // fields
        Arguments.of("obs-fold with space", "GET / HTTP/1.1\r\n" + HOST + "X-A: a\r\n b\r\n\r\n", 400),
        Arguments.of("obs-fold with tab", "GET / HTTP/1.1\r\n" + HOST + "X-A: a\r\n\tb\r\n\r\n", 400),
        Arguments.of("whitespace before first field", "GET / HTTP/1.1\r\n " + HOST + "\r\n", 400),
        Arguments.of("space before colon", "GET / HTTP/1.1\r\nHost : docker\r\n\r\n", 400),
        Arguments.of("tab before colon", "GET / HTTP/1.1\r\n" + HOST + "X-A\t: b\r\n\r\n", 400),
        Arguments.of("empty field name", "GET / HTTP/1.1\r\n" + HOST + ": b\r\n\r\n", 400),
        Arguments.of("no colon", "GET / HTTP/1.1\r\n" + HOST + "X-A b\r\n\r\n", 400),
        Arguments.of("space inside name", "GET / HTTP/1.1\r\n" + HOST + "X A: b\r\n\r\n", 400),
        Arguments.of("parenthesis in name", "GET / HTTP/1.1\r\n" + HOST + "X(A): b\r\n\r\n", 400),
        Arguments.of("non-ASCII in name", "GET / HTTP/1.1\r\n" + HOST + "X-\u00e9: b\r\n\r\n", 400),
        Arguments.of("NUL in value", "GET / HTTP/1.1\r\n" + HOST + "X-A: a\u0000b\r\n\r\n", 400),
        Arguments.of("DEL in value", "GET / HTTP/1.1\r\n" + HOST + "X-A: a\u007fb\r\n\r\n", 400),
        Arguments.of("ESC in value", "GET / HTTP/1.1\r\n" + HOST + "X-A: \u001b[31m\r\n\r\n", 400),
        Arguments.of("vertical tab in value", "GET / HTTP/1.1\r\n" + HOST + "X-A: a\u000bb\r\n\r\n", 400),
        Arguments.of("form feed ending value", "GET / HTTP/1.1\r\n" + HOST + "X-A: a\u000c\r\n\r\n", 400),
        // Host
        Arguments.of("HTTP/1.1 without Host", "GET / HTTP/1.1\r\nX-A: b\r\n\r\n", 400),
        Arguments.of("HTTP/1.1 with two Host fields", "GET / HTTP/1.1\r\n" + HOST + HOST + "\r\n", 400),
        Arguments.of("Host fields differing in case", "GET / HTTP/1.1\r\nHost: a\r\nhOST: b\r\n\r\n", 400),
        Arguments.of("HTTP/1.0 with two Host fields", "GET / HTTP/1.0\r\n" + HOST + HOST + "\r\n", 400));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejectedRequests(String name, String wire, int status) {
    HttpProtocolException e = assertThrows(HttpProtocolException.class, () -> reader(wire).readRequest());

    assertEquals(status, e.status(), e.getMessage());
  }

  @Test
  void keepsFieldOrderNameCaseAndTrimsOws() throws IOException {
    String wire =
        "GET / HTTP/1.1\r\nhost:docker\r\nX-Tabs:\t a \t\r\nX-Empty:\r\nX-Blank:   \r\nX-Inner: a \t b\r\n"
            + "X-Latin: caf\u00e9\r\nX-Tabs: second\r\n\r\n";

    HeaderFields headers = reader(wire).readRequest().headers();

    assertEquals(
        List.of(
            new HeaderField("host", "docker"),
            new HeaderField("X-Tabs", "a"),
            new HeaderField("X-Empty", ""),
            new HeaderField("X-Blank", ""),
            new HeaderField("X-Inner", "a \t b"),
            new HeaderField("X-Latin", "caf\u00e9"),
            new HeaderField("X-Tabs", "second")),
        headers.all());
  }

  @Test
  void acceptsEmptyHostValue() throws IOException {
    // RFC 9110 §7.2: a client without an authority sends Host with an empty value.
    assertEquals("", reader("GET / HTTP/1.1\r\nHost:\r\n\r\n").readRequest().headers().first("Host").orElseThrow());
  }

  static Stream<Arguments> headBytesAtTheLimit() {
    return Stream.of(
        Arguments.of("defaults", HttpLimits.defaults()), Arguments.of("small", new HttpLimits(64, 4, 16)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headBytesAtTheLimit")
  void acceptsHeadOfExactlyMaxHeadBytes(String name, HttpLimits limits) throws IOException {
    String wire = paddedRequest(limits.maxHeadBytes());

    RequestHead head = reader(wire, limits).readRequest();

    assertEquals(limits.maxHeadBytes(), wire.length());
    assertEquals("/", head.target());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headBytesAtTheLimit")
  void rejectsHeadOneByteOverMaxHeadBytes(String name, HttpLimits limits) {
    String wire = paddedRequest(limits.maxHeadBytes() + 1);

    HttpProtocolException e = assertThrows(HttpProtocolException.class, () -> reader(wire, limits).readRequest());
    assertEquals(431, e.status());
  }

  @Test
  void countsLeadingEmptyLinesTowardsHeadBytes() {
    HttpLimits limits = new HttpLimits(64, 4, 16);
    String wire = "\r\n" + paddedRequest(limits.maxHeadBytes());

    HttpProtocolException e = assertThrows(HttpProtocolException.class, () -> reader(wire, limits).readRequest());
    assertEquals(431, e.status());
  }

  @Test
  void rejectsRequestLineLongerThanMaxHeadBytes() {
    String wire = "GET /" + "a".repeat(70_000) + " HTTP/1.1\r\n" + HOST + "\r\n";

    HttpProtocolException e = assertThrows(HttpProtocolException.class, () -> reader(wire).readRequest());
    assertEquals(431, e.status());
  }

  /** A request of exactly {@code size} bytes, padded in one header value. */
  private static String paddedRequest(int size) {
    String prefix = "GET / HTTP/1.1\r\nHost: d\r\nX-Pad: ";
    String suffix = "\r\n\r\n";
    return prefix + "p".repeat(size - prefix.length() - suffix.length()) + suffix;
  }

  static Stream<Arguments> headerCountAtTheLimit() {
    return Stream.of(
        Arguments.of("defaults", HttpLimits.defaults()), Arguments.of("small", new HttpLimits(1024, 3, 16)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headerCountAtTheLimit")
  void acceptsExactlyMaxHeaderCountFields(String name, HttpLimits limits) throws IOException {
    RequestHead head = reader(requestWithFields(limits.maxHeaderCount()), limits).readRequest();

    assertEquals(limits.maxHeaderCount(), head.headers().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("headerCountAtTheLimit")
  void rejectsOneFieldOverMaxHeaderCount(String name, HttpLimits limits) {
    String wire = requestWithFields(limits.maxHeaderCount() + 1);

    HttpProtocolException e = assertThrows(HttpProtocolException.class, () -> reader(wire, limits).readRequest());
    assertEquals(431, e.status());
  }

  /** A request with Host plus {@code count - 1} other fields. */
  private static String requestWithFields(int count) {
    StringBuilder sb = new StringBuilder("GET / HTTP/1.1\r\nHost: d\r\n");
    for (int i = 1; i < count; i++) {
      sb.append("X-").append(i).append(": v\r\n");
    }
    return sb.append("\r\n").toString();
  }

  static Stream<Arguments> cleanEndsOfStream() {
    return Stream.of(Arguments.of("nothing at all", ""), Arguments.of("after a stray empty line", "\r\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void cleanEndsOfStream(String name, String wire) throws IOException {
    assertNull(reader(wire).readRequest());
  }

  static Stream<Arguments> truncatedHeads() {
    return Stream.of(
        Arguments.of("inside the request line", "GET / HT"),
        Arguments.of("between CR and LF", "GET / HTTP/1.1\r"),
        Arguments.of("after the request line", "GET / HTTP/1.1\r\n"),
        Arguments.of("inside a field", "GET / HTTP/1.1\r\nHost: do"),
        Arguments.of("before the blank line", "GET / HTTP/1.1\r\nHost: docker\r\n"),
        Arguments.of("inside the blank line", "GET / HTTP/1.1\r\nHost: docker\r\n\r"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void truncatedHeads(String name, String wire) {
    assertThrows(EOFException.class, () -> reader(wire).readRequest());
  }

  @Test
  void leavesTheBodyAndNextRequestOnTheStream() throws IOException {
    InputStream in =
        Wire.stream(
            "POST /a HTTP/1.1\r\nHost: d\r\nContent-Length: 5\r\n\r\nhello" + "GET /b HTTP/1.1\r\nHost: d\r\n\r\n");
    HeadReader reader = new HeadReader(in, HttpLimits.defaults());

    RequestHead first = reader.readRequest();
    byte[] body = new FixedLengthInputStream(in, 5).readAllBytes();
    RequestHead second = reader.readRequest();

    assertEquals("/a", first.target());
    assertEquals("hello", Wire.string(body));
    assertEquals("/b", second.target());
    assertNull(reader.readRequest());
  }
}
