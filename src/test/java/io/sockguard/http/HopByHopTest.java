package io.sockguard.http;

import static io.sockguard.http.Wire.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HopByHopTest {

  static Stream<Arguments> strips() {
    return Stream.of(
        Arguments.of(
            "fixed set",
            fields(
                "Host",
                "d",
                "Connection",
                "keep-alive",
                "Keep-Alive",
                "timeout=5",
                "Proxy-Connection",
                "close",
                "TE",
                "trailers",
                "Trailer",
                "X-T",
                "Transfer-Encoding",
                "chunked",
                "Upgrade",
                "tcp",
                "Proxy-Authenticate",
                "Basic",
                "Proxy-Authorization",
                "Basic eA==",
                "Content-Type",
                "application/json"),
            fields("Host", "d", "Content-Type", "application/json")),
        Arguments.of(
            "fixed set in other case",
            fields("CONNECTION", "close", "upgrade", "tcp", "te", "x", "A", "1"),
            fields("A", "1")),
        Arguments.of(
            "named by Connection",
            fields("Connection", "close, X-Secret", "X-Secret", "1", "X-Kept", "2"),
            fields("X-Kept", "2")),
        Arguments.of(
            "named in other case with OWS",
            fields("Connection", " x-secret\t,,", "X-SECRET", "1", "X-Kept", "2"),
            fields("X-Kept", "2")),
        Arguments.of(
            "named across two Connection fields",
            fields("Connection", "X-A", "Connection", "X-B", "X-A", "1", "X-B", "2", "X-C", "3"),
            fields("X-C", "3")),
        Arguments.of(
            "Content-Length and Host survive nomination",
            fields(
                "Connection",
                "Content-Length, Host, X-A",
                "Host",
                "d",
                "Content-Length",
                "5",
                "X-A",
                "1"),
            fields("Host", "d", "Content-Length", "5")),
        Arguments.of(
            "Content-Length is kept beside Transfer-Encoding",
            fields("Transfer-Encoding", "chunked", "Content-Length", "5"),
            fields("Content-Length", "5")),
        Arguments.of(
            "all repeated occurrences",
            fields("Upgrade", "a", "X", "1", "Upgrade", "b"),
            fields("X", "1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void strips(String name, HeaderFields input, HeaderFields expected) {
    assertEquals(expected, HopByHop.stripRequest(input));
    assertEquals(expected, HopByHop.stripResponse(input));
  }

  @Test
  void returnsTheSameInstanceWhenNothingIsHopByHop() {
    HeaderFields endToEnd =
        fields("Host", "d", "Content-Type", "application/json", "Content-Length", "2");

    assertSame(endToEnd, HopByHop.stripRequest(endToEnd));
  }
}
