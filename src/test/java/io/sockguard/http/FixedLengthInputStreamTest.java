package io.sockguard.http;

import static io.sockguard.http.Wire.stream;
import static io.sockguard.http.Wire.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class FixedLengthInputStreamTest {

  @Test
  void readsExactlyTheLengthAndLeavesTheRest() throws IOException {
    InputStream in = stream("helloNEXT");
    FixedLengthInputStream body = new FixedLengthInputStream(in, 5);

    byte[] read = body.readAllBytes();

    assertEquals("hello", string(read));
    assertEquals(0, body.remaining());
    assertEquals(-1, body.read());
    assertEquals("NEXT", string(in.readAllBytes()));
  }

  @Test
  void capsBulkReadsAtTheRemainingLength() throws IOException {
    FixedLengthInputStream body = new FixedLengthInputStream(stream("abcdef"), 4);
    byte[] buffer = new byte[16];

    assertEquals('a', body.read());
    assertEquals(3, body.read(buffer, 0, buffer.length));
    assertEquals(-1, body.read(buffer, 0, buffer.length));
    assertEquals(0, body.read(buffer, 0, 0));
  }

  @Test
  void zeroLengthIsAtEndImmediately() throws IOException {
    assertEquals(-1, new FixedLengthInputStream(stream("x"), 0).read());
  }

  @Test
  void throwsEofWhenTheConnectionEndsEarlyOnBulkRead() {
    FixedLengthInputStream body = new FixedLengthInputStream(stream("hel"), 5);

    assertThrows(EOFException.class, body::readAllBytes);
  }

  @Test
  void throwsEofWhenTheConnectionEndsEarlyOnSingleByteRead() throws IOException {
    FixedLengthInputStream body = new FixedLengthInputStream(stream("h"), 2);
    body.read();

    assertThrows(EOFException.class, body::read);
  }

  @Test
  void refusesNegativeLength() {
    assertThrows(IllegalArgumentException.class, () -> new FixedLengthInputStream(stream(""), -1));
  }

  @Test
  void closeLeavesTheConnectionStreamOpen() throws IOException {
    ChunkedInputStreamTest.CloseRecordingInputStream in =
        new ChunkedInputStreamTest.CloseRecordingInputStream(stream("hello"));

    new FixedLengthInputStream(in, 5).close();

    assertFalse(in.closed);
  }
}
