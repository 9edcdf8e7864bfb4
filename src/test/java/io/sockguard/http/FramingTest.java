package io.sockguard.http;

import static io.sockguard.http.Wire.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FramingTest {

  private static final HttpVersion V11 = HttpVersion.HTTP_1_1;
  private static final HttpVersion V10 = HttpVersion.HTTP_1_0;

  private static RequestHead request(HttpVersion version, HeaderFields headers) {
    return new RequestHead("POST", "/", version, headers.with("Host", "d"));
  }

  static Stream<Arguments> requestFramings() {
    return Stream.of(
        Arguments.of("no framing fields", V11, fields(), new Framing.NoBody()),
        Arguments.of("Content-Length 0", V11, fields("Content-Length", "0"), new Framing.NoBody()),
        Arguments.of(
            "Content-Length 5", V11, fields("Content-Length", "5"), new Framing.FixedLength(5)),
        Arguments.of(
            "lowercase name", V11, fields("content-length", "5"), new Framing.FixedLength(5)),
        Arguments.of(
            "leading zeros", V11, fields("Content-Length", "007"), new Framing.FixedLength(7)),
        Arguments.of(
            "largest long",
            V11,
            fields("Content-Length", "9223372036854775807"),
            new Framing.FixedLength(Long.MAX_VALUE)),
        Arguments.of(
            "HTTP/1.0 Content-Length",
            V10,
            fields("Content-Length", "3"),
            new Framing.FixedLength(3)),
        Arguments.of("chunked", V11, fields("Transfer-Encoding", "chunked"), new Framing.Chunked()),
        Arguments.of(
            "Chunked capitalised",
            V11,
            fields("Transfer-Encoding", "Chunked"),
            new Framing.Chunked()),
        Arguments.of(
            "CHUNKED and lowercase name",
            V11,
            fields("transfer-encoding", "CHUNKED"),
            new Framing.Chunked()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void requestFramings(String name, HttpVersion version, HeaderFields headers, Framing expected) {
    assertEquals(expected, Framing.ofRequest(request(version, headers)));
  }

  static Stream<Arguments> rejectedRequestFramings() {
    return Stream.of(
        Arguments.of(
            "chunked with Content-Length",
            V11,
            fields("Transfer-Encoding", "chunked", "Content-Length", "5"),
            400),
        Arguments.of(
            "chunked with Content-Length 0",
            V11,
            fields("Content-Length", "0", "Transfer-Encoding", "chunked"),
            400),
        Arguments.of(
            "unknown coding with Content-Length",
            V11,
            fields("Transfer-Encoding", "gzip", "Content-Length", "5"),
            400),
        Arguments.of(
            "Transfer-Encoding on HTTP/1.0", V10, fields("Transfer-Encoding", "chunked"), 400),
        Arguments.of(
            "two equal Content-Length fields",
            V11,
            fields("Content-Length", "5", "Content-Length", "5"),
            400),
        Arguments.of(
            "two differing Content-Length fields",
            V11,
            fields("Content-Length", "5", "Content-Length", "6"),
            400),
        Arguments.of(
            "Content-Length list of equal values", V11, fields("Content-Length", "5, 5"), 400),
        Arguments.of(
            "Content-Length list without space", V11, fields("Content-Length", "5,5"), 400),
        Arguments.of("negative Content-Length", V11, fields("Content-Length", "-1"), 400),
        Arguments.of("plus sign", V11, fields("Content-Length", "+5"), 400),
        Arguments.of("hex Content-Length", V11, fields("Content-Length", "0x10"), 400),
        Arguments.of("exponent", V11, fields("Content-Length", "1e3"), 400),
        Arguments.of("empty Content-Length", V11, fields("Content-Length", ""), 400),
        Arguments.of("inner space", V11, fields("Content-Length", "1 0"), 400),
        Arguments.of(
            "one past largest long", V11, fields("Content-Length", "9223372036854775808"), 400),
        Arguments.of("twenty nines", V11, fields("Content-Length", "99999999999999999999"), 400),
        Arguments.of("non-ASCII digit", V11, fields("Content-Length", "\u00b2"), 400),
        Arguments.of("empty Transfer-Encoding", V11, fields("Transfer-Encoding", ""), 400),
        Arguments.of("gzip, chunked", V11, fields("Transfer-Encoding", "gzip, chunked"), 501),
        Arguments.of("identity", V11, fields("Transfer-Encoding", "identity"), 501),
        Arguments.of("chunked, chunked", V11, fields("Transfer-Encoding", "chunked, chunked"), 501),
        Arguments.of(
            "two chunked fields",
            V11,
            fields("Transfer-Encoding", "chunked", "Transfer-Encoding", "chunked"),
            501),
        Arguments.of(
            "chunked with parameter", V11, fields("Transfer-Encoding", "chunked;q=1"), 501),
        Arguments.of("trailing comma", V11, fields("Transfer-Encoding", "chunked,"), 501),
        Arguments.of("chunked as a prefix", V11, fields("Transfer-Encoding", "chunkedx"), 501),
        Arguments.of("gzip", V11, fields("Transfer-Encoding", "gzip"), 501));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejectedRequestFramings(String name, HttpVersion version, HeaderFields headers, int status) {
    HttpProtocolException e =
        assertThrows(
            HttpProtocolException.class, () -> Framing.ofRequest(request(version, headers)));

    assertEquals(status, e.status(), e.getMessage());
  }

  static Stream<Arguments> responseFramings() {
    HeaderFields length10 = fields("Content-Length", "10");
    return Stream.of(
        Arguments.of(
            "HEAD ignores Content-Length", "HEAD", V11, 200, length10, new Framing.NoBody()),
        Arguments.of(
            "HEAD ignores chunked",
            "HEAD",
            V11,
            200,
            fields("Transfer-Encoding", "chunked"),
            new Framing.NoBody()),
        Arguments.of(
            "lowercase head is another method",
            "head",
            V11,
            200,
            length10,
            new Framing.FixedLength(10)),
        Arguments.of("100 Continue", "POST", V11, 100, fields(), new Framing.NoBody()),
        Arguments.of(
            "101 upgrade", "POST", V11, 101, fields("Connection", "Upgrade"), new Framing.NoBody()),
        Arguments.of("204 with Content-Length", "DELETE", V11, 204, length10, new Framing.NoBody()),
        Arguments.of("304", "GET", V11, 304, length10, new Framing.NoBody()),
        Arguments.of(
            "200 chunked",
            "GET",
            V11,
            200,
            fields("Transfer-Encoding", "chunked"),
            new Framing.Chunked()),
        Arguments.of("200 Content-Length", "GET", V11, 200, length10, new Framing.FixedLength(10)),
        Arguments.of(
            "200 Content-Length 0",
            "GET",
            V11,
            200,
            fields("Content-Length", "0"),
            new Framing.NoBody()),
        Arguments.of(
            "205 with Content-Length 0",
            "POST",
            V11,
            205,
            fields("Content-Length", "0"),
            new Framing.NoBody()),
        Arguments.of(
            "duplicate identical Content-Length",
            "GET",
            V11,
            200,
            fields("Content-Length", "10", "Content-Length", "10"),
            new Framing.FixedLength(10)),
        Arguments.of(
            "identical Content-Length list",
            "GET",
            V11,
            200,
            fields("Content-Length", "10, 10"),
            new Framing.FixedLength(10)),
        Arguments.of(
            "no framing: until close", "GET", V11, 200, fields(), new Framing.UntilClose()),
        Arguments.of("HTTP/1.0 until close", "GET", V10, 200, fields(), new Framing.UntilClose()),
        Arguments.of(
            "error body with length",
            "GET",
            V11,
            404,
            fields("Content-Length", "29"),
            new Framing.FixedLength(29)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void responseFramings(
      String name,
      String method,
      HttpVersion version,
      int status,
      HeaderFields headers,
      Framing expected) {
    assertEquals(
        expected, Framing.ofResponse(method, new ResponseHead(version, status, "", headers)));
  }

  static Stream<Arguments> rejectedResponseFramings() {
    return Stream.of(
        Arguments.of(
            "differing Content-Length fields",
            V11,
            fields("Content-Length", "10", "Content-Length", "11")),
        Arguments.of("differing Content-Length list", V11, fields("Content-Length", "10, 11")),
        Arguments.of("empty list element", V11, fields("Content-Length", "10,")),
        Arguments.of("non-digit Content-Length", V11, fields("Content-Length", "ten")),
        Arguments.of(
            "overflowing Content-Length", V11, fields("Content-Length", "99999999999999999999")),
        Arguments.of(
            "chunked with Content-Length",
            V11,
            fields("Transfer-Encoding", "chunked", "Content-Length", "1")),
        Arguments.of("gzip coding", V11, fields("Transfer-Encoding", "gzip, chunked")),
        Arguments.of("chunked twice", V11, fields("Transfer-Encoding", "chunked, chunked")),
        Arguments.of("Transfer-Encoding in HTTP/1.0", V10, fields("Transfer-Encoding", "chunked")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejectedResponseFramings(String name, HttpVersion version, HeaderFields headers) {
    ResponseHead head = new ResponseHead(version, 200, "OK", headers);

    HttpProtocolException e =
        assertThrows(HttpProtocolException.class, () -> Framing.ofResponse("GET", head));
    assertEquals(502, e.status());
  }
}
