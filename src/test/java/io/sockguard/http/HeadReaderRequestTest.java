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

  /** A request line followed by a Host field and the blank line. */
  private static String withHost(String requestLine) {
    return requestLine + "\r\n" + HOST + "\r\n";
  }

  static Stream<Arguments> acceptedRequestLines() {
    String leading = "\r\n".repeat(HeadReader.MAX_LEADING_EMPTY_LINES);
    return Stream.of(
        Arguments.of("plain GET", withHost("GET /_ping HTTP/1.1"), "GET /_ping HTTP/1.1"),
        Arguments.of("HTTP/1.0 without Host", "GET /_ping HTTP/1.0\r\n\r\n", "GET /_ping HTTP/1.0"),
        Arguments.of("HTTP/1.0 with one Host", withHost("GET / HTTP/1.0"), "GET / HTTP/1.0"),
        Arguments.of("lowercase method kept as-is", withHost("get / HTTP/1.1"), "get / HTTP/1.1"),
        Arguments.of("mixed-case method kept", withHost("Post / HTTP/1.1"), "Post / HTTP/1.1"),
        Arguments.of(
            "every tchar symbol",
            withHost("!#$%&'*+-.^_`|~ / HTTP/1.1"),
            "!#$%&'*+-.^_`|~ / HTTP/1.1"),
        Arguments.of("POST", withHost("POST /build HTTP/1.1"), "POST /build HTTP/1.1"),
        Arguments.of("HEAD", withHost("HEAD / HTTP/1.1"), "HEAD / HTTP/1.1"),
        Arguments.of(
            "DELETE", withHost("DELETE /containers/x HTTP/1.1"), "DELETE /containers/x HTTP/1.1"),
        Arguments.of(
            "escaped query",
            withHost("GET /j?a=1&f=%7B%7D HTTP/1.1"),
            "GET /j?a=1&f=%7B%7D HTTP/1.1"),
        Arguments.of(
            "double slash is origin-form", withHost("GET //x HTTP/1.1"), "GET //x HTTP/1.1"),
        Arguments.of(
            "tilde and brackets", withHost("GET /a~b[0] HTTP/1.1"), "GET /a~b[0] HTTP/1.1"),
        Arguments.of(
            "one leading empty line", "\r\n" + withHost("GET / HTTP/1.1"), "GET / HTTP/1.1"),
        Arguments.of(
            "leading empty lines at the bound",
            leading + withHost("GET / HTTP/1.1"),
            "GET / HTTP/1.1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void acceptedRequestLines(String name, String wire, String expectedLine) throws IOException {
    RequestHead head = reader(wire).readRequest();

    assertEquals(expectedLine, head.method() + " " + head.target() + " " + head.version().wire());
  }

  static Stream<Arguments> rejectedRequests() {
    return Stream.of(
        // line endings
        Arguments.of("bare LF after request line", "GET / HTTP/1.1\n" + HOST + "\r\n", 400),
        Arguments.of("bare LF after header", "GET / HTTP/1.1\r\nHost: docker\n\r\n", 400),
        Arguments.of("bare LF as blank line", "GET / HTTP/1.1\r\n" + HOST + "\n", 400),
        Arguments.of("bare CR in request line", withHost("GET / HTTP/1.1\rX"), 400),
        Arguments.of(
            "bare CR inside header value", "GET / HTTP/1.1\r\n" + HOST + "X-A: a\rb\r\n\r\n", 400),
        Arguments.of("CR CR LF", withHost("GET / HTTP/1.1\r"), 400),
        Arguments.of("bare LF as leading empty line", withHost("\nGET / HTTP/1.1"), 400),
        Arguments.of(
            "leading empty lines over the bound",
            "\r\n".repeat(HeadReader.MAX_LEADING_EMPTY_LINES + 1)
                + "GET / HTTP/1.1\r\n"
                + HOST
                + "\r\n",
            400),
        // request line shape
        Arguments.of("double space after method", withHost("GET  / HTTP/1.1"), 400),
        Arguments.of("double space before version", withHost("GET /  HTTP/1.1"), 400),
        Arguments.of("tab as separator", withHost("GET\t/ HTTP/1.1"), 400),
        Arguments.of("leading space", withHost(" GET / HTTP/1.1"), 400),
        Arguments.of("trailing space after version", withHost("GET / HTTP/1.1 "), 400),
        Arguments.of("no version", withHost("GET /"), 400),
        Arguments.of("method only", withHost("GET"), 400),
        Arguments.of("method and space only", withHost("GET "), 400),
        Arguments.of("space inside target", withHost("GET /a b HTTP/1.1"), 400),
        // method
        Arguments.of("method with parenthesis", withHost("GE(T / HTTP/1.1"), 400),
        Arguments.of("method with slash", withHost("GET/ / HTTP/1.1"), 400),
        Arguments.of("method with non-ASCII byte", withHost("G\u00c9T / HTTP/1.1"), 400),
        Arguments.of("method with NUL", withHost("G\u0000T / HTTP/1.1"), 400),
        // target
        Arguments.of("absolute-form target", withHost("GET http://docker/_ping HTTP/1.1"), 400),
        Arguments.of("asterisk-form target", withHost("OPTIONS * HTTP/1.1"), 400),
        Arguments.of("authority-form target", withHost("CONNECT docker:2375 HTTP/1.1"), 400),
        Arguments.of("relative target", withHost("GET _ping HTTP/1.1"), 400),
        Arguments.of("target with control char", withHost("GET /a\u0001b HTTP/1.1"), 400),
        Arguments.of("target with tab", withHost("GET /a\tb HTTP/1.1"), 400),
        Arguments.of("target with NUL", withHost("GET /a\u0000 HTTP/1.1"), 400),
        Arguments.of("target with DEL", withHost("GET /a\u007f HTTP/1.1"), 400),
        Arguments.of("target with byte 0x80", withHost("GET /a\u0080 HTTP/1.1"), 400),
        Arguments.of("target with byte 0xFF", withHost("GET /\u00ff HTTP/1.1"), 400),
        Arguments.of("target with fragment", withHost("GET /_ping#x HTTP/1.1"), 400),
        // version
        Arguments.of("lowercase HTTP-name", withHost("GET / http/1.1"), 400),
        Arguments.of("version without minor", withHost("GET / HTTP/1"), 400),
        Arguments.of("two-digit minor", withHost("GET / HTTP/1.10"), 400),
        Arguments.of("two-digit major", withHost("GET / HTTP/11.1"), 400),
        Arguments.of("letter as minor", withHost("GET / HTTP/1.x"), 400),
        Arguments.of("comma as dot", withHost("GET / HTTP/1,1"), 400),
        Arguments.of("other protocol", withHost("GET / HTTQ/1.1"), 400),
        Arguments.of("HTTP/2.0", withHost("GET / HTTP/2.0"), 505),
        Arguments.of("HTTP/0.9", withHost("GET / HTTP/0.9"), 505),
        Arguments.of("HTTP/1.2", withHost("GET / HTTP/1.2"), 505),
        Arguments.of("HTTP/1.9", withHost("GET / HTTP/1.9"), 505),
        Arguments.of("HTTP/3.0", withHost("GET / HTTP/3.0"), 505),
        // fields
        Arguments.of(
            "obs-fold with space", "GET / HTTP/1.1\r\n" + HOST + "X-A: a\r\n b\r\n\r\n", 400),
        Arguments.of(
            "obs-fold with tab", "GET / HTTP/1.1\r\n" + HOST + "X-A: a\r\n\tb\r\n\r\n", 400),
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
        Arguments.of(
            "vertical tab in value", "GET / HTTP/1.1\r\n" + HOST + "X-A: a\u000bb\r\n\r\n", 400),
        Arguments.of(
            "form feed ending value", "GET / HTTP/1.1\r\n" + HOST + "X-A: a\u000c\r\n\r\n", 400),
        // Host
        Arguments.of("HTTP/1.1 without Host", "GET / HTTP/1.1\r\nX-A: b\r\n\r\n", 400),
        Arguments.of(
            "HTTP/1.1 with two Host fields", "GET / HTTP/1.1\r\n" + HOST + HOST + "\r\n", 400),
        Arguments.of(
            "Host fields differing in case", "GET / HTTP/1.1\r\nHost: a\r\nhOST: b\r\n\r\n", 400),
        Arguments.of(
            "HTTP/1.0 with two Host fields", "GET / HTTP/1.0\r\n" + HOST + HOST + "\r\n", 400));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejectedRequests(String name, String wire, int status) {
    HttpProtocolException e =
        assertThrows(HttpProtocolException.class, () -> reader(wire).readRequest());

    assertEquals(status, e.status(), e.getMessage());
  }

  @Test
  void keepsFieldOrderNameCaseAndTrimsOws() throws IOException {
    String wire =
        "GET / HTTP/1.1\r\n"
            + "host:docker\r\n"
            + "X-Tabs:\t a \t\r\n"
            + "X-Empty:\r\n"
            + "X-Blank:   \r\n"
            + "X-Inner: a \t b\r\n"
            + "X-Latin: caf\u00e9\r\n"
            + "X-Tabs: second\r\n\r\n";

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
    assertEquals(
        "",
        reader("GET / HTTP/1.1\r\nHost:\r\n\r\n")
            .readRequest()
            .headers()
            .first("Host")
            .orElseThrow());
  }

  static Stream<Arguments> headBytesAtTheLimit() {
    return Stream.of(
        Arguments.of("defaults", HttpLimits.defaults()),
        Arguments.of("small", new HttpLimits(64, 4, 16)));
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

    HttpProtocolException e =
        assertThrows(HttpProtocolException.class, () -> reader(wire, limits).readRequest());
    assertEquals(431, e.status());
  }

  @Test
  void countsLeadingEmptyLinesTowardsHeadBytes() {
    HttpLimits limits = new HttpLimits(64, 4, 16);
    String wire = "\r\n" + paddedRequest(limits.maxHeadBytes());

    HttpProtocolException e =
        assertThrows(HttpProtocolException.class, () -> reader(wire, limits).readRequest());
    assertEquals(431, e.status());
  }

  @Test
  void rejectsRequestLineLongerThanMaxHeadBytes() {
    String wire = "GET /" + "a".repeat(70_000) + withHost(" HTTP/1.1");

    HttpProtocolException e =
        assertThrows(HttpProtocolException.class, () -> reader(wire).readRequest());
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
        Arguments.of("defaults", HttpLimits.defaults()),
        Arguments.of("small", new HttpLimits(1024, 3, 16)));
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

    HttpProtocolException e =
        assertThrows(HttpProtocolException.class, () -> reader(wire, limits).readRequest());
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
    return Stream.of(
        Arguments.of("nothing at all", ""), Arguments.of("after a stray empty line", "\r\n"));
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
            "POST /a HTTP/1.1\r\nHost: d\r\nContent-Length: 5\r\n\r\nhello"
                + "GET /b HTTP/1.1\r\nHost: d\r\n\r\n");
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
