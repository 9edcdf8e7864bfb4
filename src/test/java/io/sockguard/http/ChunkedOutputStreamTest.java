package io.sockguard.http;

import static io.sockguard.http.Wire.string;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChunkedOutputStreamTest {

  @Test
  void writesEachNonEmptyWriteAsOneChunk() throws IOException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    ChunkedOutputStream chunked = new ChunkedOutputStream(wire);

    chunked.write(Wire.bytes("hello"));
    chunked.write(new byte[0]);
    chunked.write(Wire.bytes("xx-world-yy"), 2, 7);
    chunked.write('!');
    chunked.close();

    assertEquals("5\r\nhello\r\n7\r\n-world-\r\n1\r\n!\r\n0\r\n\r\n", string(wire.toByteArray()));
  }

  @Test
  void writesSizesInLowercaseHex() throws IOException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    ChunkedOutputStream chunked = new ChunkedOutputStream(wire);

    chunked.write(new byte[0x1abcd]);

    assertTrue(string(wire.toByteArray()).startsWith("1abcd\r\n"));
  }

  @Test
  void finishesOnceEvenWhenClosedAfterwards() throws IOException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    ChunkedOutputStream chunked = new ChunkedOutputStream(wire);

    chunked.finish();
    chunked.finish();
    chunked.close();

    assertEquals("0\r\n\r\n", string(wire.toByteArray()));
  }

  @Test
  void refusesWritesAfterFinish() throws IOException {
    ChunkedOutputStream chunked = new ChunkedOutputStream(new ByteArrayOutputStream());
    chunked.finish();

    assertThrows(IOException.class, () -> chunked.write(Wire.bytes("late")));
  }

  @Test
  void closeFinishesButLeavesTheConnectionOpenAndFlushPassesThrough() throws IOException {
    RecordingOutputStream wire = new RecordingOutputStream();
    ChunkedOutputStream chunked = new ChunkedOutputStream(wire);

    chunked.write(Wire.bytes("a"));
    chunked.flush();
    int flushesAfterFlush = wire.flushes;
    chunked.close();

    assertEquals(1, flushesAfterFlush);
    assertFalse(wire.closed);
    assertEquals("1\r\na\r\n0\r\n\r\n", string(wire.toByteArray()));
  }

  static Stream<Arguments> roundTrips() {
    return Stream.of(
        Arguments.of("no writes", new int[] {}),
        Arguments.of("one byte", new int[] {1}),
        Arguments.of("hex digit boundaries", new int[] {15, 16, 255, 256, 4095, 4096}),
        Arguments.of("empty writes between", new int[] {3, 0, 0, 5}),
        Arguments.of("large chunk", new int[] {1 << 20}),
        Arguments.of("many small", new int[] {7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void roundTrips(String name, int[] writeSizes) throws IOException {
    Random random = new Random(writeSizes.length);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    try (ChunkedOutputStream chunked = new ChunkedOutputStream(wire)) {
      for (int size : writeSizes) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        chunked.write(data);
        expected.write(data);
      }
    }
    wire.write(Wire.bytes("NEXT"));

    InputStream in = new ByteArrayInputStream(wire.toByteArray());
    ChunkedInputStream decoded = new ChunkedInputStream(in, HttpLimits.defaults());

    assertArrayEquals(expected.toByteArray(), decoded.readAllBytes());
    assertTrue(decoded.isFinished());
    assertEquals("NEXT", string(in.readAllBytes()));
  }

  static final class RecordingOutputStream extends ByteArrayOutputStream {
    int flushes;
    boolean closed;

    @Override
    public void flush() {
      flushes++;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
