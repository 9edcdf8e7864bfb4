package io.sockguard.http;

import static io.sockguard.http.Wire.fields;
import static io.sockguard.http.Wire.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HeadWriterTest {

  @Test
  void encodesRequestHead() {
    RequestHead head =
        new RequestHead(
            "POST",
            "/v1.45/containers/create?name=x",
            HttpVersion.HTTP_1_1,
            fields("Host", "docker", "Content-Length", "2"));

    assertEquals(
        "POST /v1.45/containers/create?name=x HTTP/1.1\r\n"
            + "Host: docker\r\n"
            + "Content-Length: 2\r\n\r\n",
        string(HeadWriter.encode(head)));
  }

  @Test
  void encodesResponseHeadsIncludingEmptyReason() {
    assertEquals(
        "HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n",
        string(
            HeadWriter.encode(
                new ResponseHead(
                    HttpVersion.HTTP_1_1,
                    101,
                    "UPGRADED",
                    fields("Connection", "Upgrade", "Upgrade", "tcp")))));
    assertEquals(
        "HTTP/1.0 204 \r\n\r\n",
        string(
            HeadWriter.encode(
                new ResponseHead(HttpVersion.HTTP_1_0, 204, "", HeaderFields.empty()))));
  }

  @Test
  void requestRoundTripsThroughHeadReader() throws IOException {
    RequestHead head =
        new RequestHead(
            "GET", "/_ping", HttpVersion.HTTP_1_1, fields("Host", "d", "X-Latin", "caf\u00e9\tx"));

    RequestHead parsed =
        new HeadReader(new ByteArrayInputStream(HeadWriter.encode(head)), HttpLimits.defaults())
            .readRequest();

    assertEquals(head, parsed);
  }

  @Test
  void responseRoundTripsThroughHeadReader() throws IOException {
    ResponseHead head =
        new ResponseHead(
            HttpVersion.HTTP_1_1, 404, "Not Found", fields("Content-Type", "application/json"));

    ResponseHead parsed =
        new HeadReader(new ByteArrayInputStream(HeadWriter.encode(head)), HttpLimits.defaults())
            .readResponse();

    assertEquals(head, parsed);
  }

  static Stream<Arguments> refusesHeadsThatWouldSplitLines() {
    return Stream.of(
        Arguments.of("space in target", (Runnable) () -> request("GET", "/a b")),
        Arguments.of("CRLF in target", (Runnable) () -> request("GET", "/a\r\nX: 1")),
        Arguments.of("non-ASCII target", (Runnable) () -> request("GET", "/\u00e9")),
        Arguments.of("empty target", (Runnable) () -> request("GET", "")),
        Arguments.of("space in method", (Runnable) () -> request("G T", "/")),
        Arguments.of("empty method", (Runnable) () -> request("", "/")),
        Arguments.of(
            "CRLF in reason",
            (Runnable)
                () ->
                    new ResponseHead(
                        HttpVersion.HTTP_1_1, 200, "OK\r\nX: 1", HeaderFields.empty())),
        Arguments.of(
            "status 99",
            (Runnable) () -> new ResponseHead(HttpVersion.HTTP_1_1, 99, "", HeaderFields.empty())),
        Arguments.of(
            "status 1000",
            (Runnable)
                () -> new ResponseHead(HttpVersion.HTTP_1_1, 1000, "", HeaderFields.empty())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void refusesHeadsThatWouldSplitLines(String name, Runnable construction) {
    assertThrows(IllegalArgumentException.class, construction::run);
  }

  private static RequestHead request(String method, String target) {
    return new RequestHead(method, target, HttpVersion.HTTP_1_1, HeaderFields.empty());
  }
}
