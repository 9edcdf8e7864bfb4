package io.sockguard.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** The decoded body of a message on {@code in}, whatever its framing. */
public final class BodyStreams {
  private BodyStreams() {}

  /**
   * A stream that yields exactly the body's bytes and then EOF: fixed-length and chunked bodies stop at their end
   * (the connection can carry the next message), close-delimited ones at the connection's end. Closing it does not
   * close {@code in}.
   */
  public static InputStream decoding(InputStream in, Framing framing, HttpLimits limits) {
    return switch (framing) {
      case Framing.NoBody none -> InputStream.nullInputStream();
      case Framing.FixedLength fixed -> new FixedLengthInputStream(in, fixed.length());
      case Framing.Chunked chunked -> new ChunkedInputStream(in, limits);
      case Framing.UntilClose untilClose -> in;
    };
  }

  /** Reads all of {@code in}, or returns null as soon as it exceeds {@code limit} bytes (nothing unbounded is held). */
  public static byte[] readAtMost(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      out.write(buffer, 0, n);
      if (out.size() > limit) {
        return null;
      }
    }
    return out.toByteArray();
  }

  /**
   * Reads and throws away up to {@code limit} bytes of {@code in}, until EOF; returns how many. Used before closing a
   * connection whose request body was never read, so the peer sees our answer rather than a reset.
   */
  public static long discard(InputStream in, long limit) throws IOException {
    byte[] buffer = new byte[8192];
    long total = 0;
    int n;
    while (total < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) >= 0) {
      total += n;
    }
    return total;
  }
}
