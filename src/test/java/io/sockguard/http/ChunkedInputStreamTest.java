package io.sockguard.http;

import static io.sockguard.http.Wire.stream;
import static io.sockguard.http.Wire.string;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChunkedInputStreamTest {

  private static final HttpLimits SMALL = new HttpLimits(64, 4, 16);

  private static ChunkedInputStream chunked(InputStream in) {
    return new ChunkedInputStream(in, HttpLimits.defaults());
  }

  static Stream<Arguments> decodesValidBodies() {
    return Stream.of(
        Arguments.of("one chunk", "5\r\nhello\r\n0\r\n\r\n", "hello"),
        Arguments.of("two chunks", "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", "hello world"),
        Arguments.of("empty body", "0\r\n\r\n", ""),
        Arguments.of("uppercase hex", "A\r\n0123456789\r\n0\r\n\r\n", "0123456789"),
        Arguments.of("lowercase hex", "a\r\n0123456789\r\n0\r\n\r\n", "0123456789"),
        Arguments.of("leading zeros", "0005\r\nhello\r\n000\r\n\r\n", "hello"),
        Arguments.of("extension", "5;name=value\r\nhello\r\n0\r\n\r\n", "hello"),
        Arguments.of("bare extension name", "5;x\r\nhello\r\n0\r\n\r\n", "hello"),
        Arguments.of("space before extension", "5 ;x\r\nhello\r\n0\r\n\r\n", "hello"),
        Arguments.of("tab before extension", "5\t;x\r\nhello\r\n0\r\n\r\n", "hello"),
        Arguments.of("quoted extension value", "5;x=\"a b\"\r\nhello\r\n0\r\n\r\n", "hello"),
        Arguments.of("extension on last chunk", "5\r\nhello\r\n0;done\r\n\r\n", "hello"),
        Arguments.of("one trailer", "5\r\nhello\r\n0\r\nX-Checksum: abc\r\n\r\n", "hello"),
        Arguments.of("two trailers", "5\r\nhello\r\n0\r\nA: 1\r\nB:2\r\n\r\n", "hello"),
        Arguments.of("CRLF inside data", "4\r\n\r\n\r\n\r\n0\r\n\r\n", "\r\n\r\n"),
        Arguments.of("binary data", "3\r\n\u0000\u00ff\n\r\n0\r\n\r\n", "\u0000\u00ff\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void decodesValidBodies(String name, String wire, String body) throws IOException {
    InputStream in = stream(wire + "NEXT");
    ChunkedInputStream chunked = chunked(in);

    byte[] decoded = chunked.readAllBytes();

    assertEquals(body, string(decoded));
    assertTrue(chunked.isFinished());
    assertEquals("NEXT", string(in.readAllBytes()), "stream left at the next message");
  }

  static Stream<Arguments> rejectsMalformedBodies() {
    return Stream.of(
        Arguments.of("non-hex size", "g\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("empty size line", "\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("plus sign", "+5\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("minus sign", "-5\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("0x prefix", "0x5\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("leading space", " 5\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("trailing space", "5 \r\nhello\r\n0\r\n\r\n"),
        Arguments.of("trailing junk", "5x\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("junk after whitespace", "5 x\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("non-ASCII after size", "5\u00e9\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("control char in extension", "5;a\u0001\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("NUL in extension", "5;\u0000\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("2^63 overflows", "8000000000000000\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("17 hex digits overflow", "10000000000000000\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("many f overflow", "ffffffffffffffffffff\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("bare LF after size", "5\nhello\r\n0\r\n\r\n"),
        Arguments.of("bare CR after size", "5\rhello\r\n0\r\n\r\n"),
        Arguments.of("junk instead of CRLF after data", "5\r\nhelloXY0\r\n\r\n"),
        Arguments.of("LF only after data", "5\r\nhello\n0\r\n\r\n"),
        Arguments.of("CR only after data", "5\r\nhello\r0\r\n\r\n"),
        Arguments.of("data longer than size", "3\r\nhello\r\n0\r\n\r\n"),
        Arguments.of("trailer obs-fold", "0\r\nX: a\r\n b\r\n\r\n"),
        Arguments.of("trailer without colon", "0\r\nnot a field\r\n\r\n"),
        Arguments.of("trailer with control char", "0\r\nX: a\u0001\r\n\r\n"),
        Arguments.of("bare LF ending trailers", "0\r\n\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rejectsMalformedBodies(String name, String wire) {
    ChunkedInputStream chunked = chunked(stream(wire));

    HttpProtocolException e = assertThrows(HttpProtocolException.class, chunked::readAllBytes);
    assertEquals(400, e.status());
  }

  static Stream<Arguments> truncatedBodies() {
    return Stream.of(
        Arguments.of("nothing", ""),
        Arguments.of("inside size line", "5"),
        Arguments.of("inside size line CRLF", "5\r"),
        Arguments.of("inside data", "5\r\nhel"),
        Arguments.of("before data CRLF", "5\r\nhello"),
        Arguments.of("inside data CRLF", "5\r\nhello\r"),
        Arguments.of("before last chunk", "5\r\nhello\r\n"),
        Arguments.of("before trailer end", "0\r\n"),
        Arguments.of("after a trailer", "0\r\nX: a\r\n"),
        Arguments.of("largest chunk size then end", "7fffffffffffffff\r\nhello"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void truncatedBodies(String name, String wire) {
    ChunkedInputStream chunked = chunked(stream(wire));

    assertThrows(EOFException.class, chunked::readAllBytes);
    assertFalse(chunked.isFinished());
  }

  @Test
  void acceptsChunkLineOfExactlyMaxChunkLineBytes() throws IOException {
    String line = "5;" + "x".repeat(SMALL.maxChunkLineBytes() - 4) + "\r\n";

    byte[] body = new ChunkedInputStream(stream(line + "hello\r\n0\r\n\r\n"), SMALL).readAllBytes();

    assertEquals(SMALL.maxChunkLineBytes(), line.length());
    assertEquals("hello", string(body));
  }

  @Test
  void rejectsChunkLineOneByteOverMaxChunkLineBytes() {
    String line = "5;" + "x".repeat(SMALL.maxChunkLineBytes() - 3) + "\r\n";
    ChunkedInputStream chunked = new ChunkedInputStream(stream(line + "hello\r\n0\r\n\r\n"), SMALL);

    HttpProtocolException e = assertThrows(HttpProtocolException.class, chunked::readAllBytes);
    assertEquals(400, e.status());
  }

  @Test
  void rejectsEndlessChunkLineWithDefaults() {
    ChunkedInputStream chunked = chunked(stream("0".repeat(100_000) + "5\r\nhello\r\n0\r\n\r\n"));

    HttpProtocolException e = assertThrows(HttpProtocolException.class, chunked::readAllBytes);
    assertEquals(400, e.status());
  }

  @Test
  void acceptsTrailerLineOfExactlyMaxChunkLineBytes() throws IOException {
    String trailer = "X: " + "t".repeat(SMALL.maxChunkLineBytes() - 5) + "\r\n";
    ChunkedInputStream chunked = new ChunkedInputStream(stream("0\r\n" + trailer + "\r\n"), SMALL);

    assertEquals(-1, chunked.read());
    assertEquals(SMALL.maxChunkLineBytes(), trailer.length());
    assertTrue(chunked.isFinished());
  }

  @Test
  void rejectsTrailerLineOneByteOverMaxChunkLineBytes() {
    String trailer = "X: " + "t".repeat(SMALL.maxChunkLineBytes() - 4) + "\r\n";
    ChunkedInputStream chunked = new ChunkedInputStream(stream("0\r\n" + trailer + "\r\n"), SMALL);

    HttpProtocolException e = assertThrows(HttpProtocolException.class, chunked::read);
    assertEquals(400, e.status());
  }

  @Test
  void acceptsExactlyMaxHeaderCountTrailers() throws IOException {
    ChunkedInputStream chunked =
        new ChunkedInputStream(
            stream("0\r\n" + "T: 1\r\n".repeat(SMALL.maxHeaderCount()) + "\r\n"), SMALL);

    assertEquals(-1, chunked.read());
    assertTrue(chunked.isFinished());
  }

  @Test
  void rejectsOneTrailerOverMaxHeaderCount() {
    ChunkedInputStream chunked =
        new ChunkedInputStream(
            stream("0\r\n" + "T: 1\r\n".repeat(SMALL.maxHeaderCount() + 1) + "\r\n"), SMALL);

    HttpProtocolException e = assertThrows(HttpProtocolException.class, chunked::read);
    assertEquals(400, e.status());
  }

  @Test
  void bulkReadStopsAtChunkBoundaryAndSingleByteReadsAgree() throws IOException {
    ChunkedInputStream chunked = chunked(stream("3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n"));
    byte[] buffer = new byte[100];

    int first = chunked.read(buffer, 0, buffer.length);
    int single = chunked.read();
    int rest = chunked.read(buffer, 10, 2);

    assertEquals(3, first);
    assertArrayEquals(Wire.bytes("abc"), java.util.Arrays.copyOf(buffer, 3));
    assertEquals('d', single);
    assertEquals(2, rest);
    assertEquals("ef", string(java.util.Arrays.copyOfRange(buffer, 10, 12)));
    assertEquals(0, chunked.read(buffer, 0, 0));
    assertFalse(chunked.isFinished());
    assertEquals('g', chunked.read());
    assertEquals(-1, chunked.read(buffer, 0, buffer.length));
    assertTrue(chunked.isFinished());
    assertEquals(-1, chunked.read());
  }

  @Test
  void closeLeavesTheConnectionStreamOpen() throws IOException {
    CloseRecordingInputStream in = new CloseRecordingInputStream(stream("5\r\nhello\r\n0\r\n\r\n"));

    chunked(in).close();

    assertFalse(in.closed);
  }

  static final class CloseRecordingInputStream extends java.io.FilterInputStream {
    boolean closed;

    CloseRecordingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public void close() throws IOException {
      closed = true;
      super.close();
    }
  }
}
