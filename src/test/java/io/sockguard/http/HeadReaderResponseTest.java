package io.sockguard.http;

import static io.sockguard.http.Wire.reader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HeadReaderResponseTest {

  static Stream<Arguments> acceptedStatusLines() {
    return Stream.of(
        Arguments.of("200 OK", "HTTP/1.1 200 OK", HttpVersion.HTTP_1_1, 200, "OK"),
        Arguments.of(
            "dockerd hijack answer",
            "HTTP/1.1 101 UPGRADED",
            HttpVersion.HTTP_1_1,
            101,
            "UPGRADED"),
        Arguments.of("empty reason after space", "HTTP/1.1 204 ", HttpVersion.HTTP_1_1, 204, ""),
        Arguments.of("no space and no reason", "HTTP/1.1 200", HttpVersion.HTTP_1_1, 200, ""),
        Arguments.of("HTTP/1.0 response", "HTTP/1.0 200 OK", HttpVersion.HTTP_1_0, 200, "OK"),
        Arguments.of(
            "reason with spaces", "HTTP/1.1 404 Not Found", HttpVersion.HTTP_1_1, 404, "Not Found"),
        Arguments.of(
            "Go's text for unknown codes",
            "HTTP/1.1 599 status code 599",
            HttpVersion.HTTP_1_1,
            599,
            "status code 599"),
        Arguments.of("highest Go status", "HTTP/1.1 999 x", HttpVersion.HTTP_1_1, 999, "x"),
        Arguments.of(
            "reason with obs-text and tab",
            "HTTP/1.1 200 caf\u00e9\tok",
            HttpVersion.HTTP_1_1,
            200,
            "caf\u00e9\tok"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void acceptedStatusLines(
      String name, String statusLine, HttpVersion version, int status, String reason)
      throws IOException {
    ResponseHead head = reader(statusLine + "\r\nContent-Length: 0\r\n\r\n").readResponse();

    assertEquals(version, head.version());
    assertEquals(status, head.status());
    assertEquals(reason, head.reason());
    assertEquals("0", head.headers().first("content-length").orElseThrow());
  }

  static Stream<Arguments> rejectedResponses() {
    return Stream.of(
        Arguments.of("two-digit status", "HTTP/1.1 20 OK\r\n\r\n"),
        Arguments.of("four-digit status", "HTTP/1.1 2000 OK\r\n\r\n"),
        Arguments.of("status below 100", "HTTP/1.1 099 x\r\n\r\n"),
        Arguments.of("letter in status", "HTTP/1.1 2x0 OK\r\n\r\n"),
        Arguments.of("double space before status", "HTTP/1.1  200 OK\r\n\r\n"),
        Arguments.of("HTTP/2.0", "HTTP/2.0 200 OK\r\n\r\n"),
        Arguments.of("HTTP/1.2", "HTTP/1.2 200 OK\r\n\r\n"),
        Arguments.of("lowercase HTTP-name", "http/1.1 200 OK\r\n\r\n"),
        Arguments.of("leading empty line", "\r\nHTTP/1.1 200 OK\r\n\r\n"),
        Arguments.of("garbage", "hello\r\n\r\n"),
        Arguments.of("NUL in reason", "HTTP/1.1 200 O\u0000K\r\n\r\n"),
        Arguments.of("bare LF after status line", "HTTP/1.1 200 OK\nX: y\r\n\r\n"),
        Arguments.of("bare CR in field", "HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n"),
        Arguments.of("obs-fold", "HTTP/1.1 200 OK\r\nX: a\r\n b\r\n\r\n"),
        Arguments.of("space before colon", "HTTP/1.1 200 OK\r\nX : a\r\n\r\n"),
        Arguments.of("control char in value", "HTTP/1.1 200 OK\r\nX: a\u0001\r\n\r\n"),
        Arguments.of("head too large", "HTTP/1.1 200 OK\r\nX: " + "a".repeat(70_000) + "\r\n\r\n"),
        Arguments.of("too many fields", "HTTP/1.1 200 OK\r\n" + "X: a\r\n".repeat(257) + "\r\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejectedResponses(String name, String wire) {
    HttpProtocolException e =
        assertThrows(HttpProtocolException.class, () -> reader(wire).readResponse());

    assertEquals(502, e.status(), e.getMessage());
  }

  @Test
  void acceptsExactlyMaxHeaderCountFields() throws IOException {
    ResponseHead head =
        reader("HTTP/1.1 200 OK\r\n" + "X: a\r\n".repeat(256) + "\r\n").readResponse();

    assertEquals(256, head.headers().size());
  }

  static Stream<Arguments> truncatedResponses() {
    return Stream.of(
        Arguments.of("nothing at all", ""),
        Arguments.of("inside the status line", "HTTP/1.1 20"),
        Arguments.of("before the blank line", "HTTP/1.1 200 OK\r\nX: a\r\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void truncatedResponses(String name, String wire) {
    assertThrows(EOFException.class, () -> reader(wire).readResponse());
  }
}
