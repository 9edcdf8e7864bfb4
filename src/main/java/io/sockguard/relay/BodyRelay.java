package io.sockguard.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copies a decoded body from one framing to another. Blocking; the caller owns both streams. */
public final class BodyRelay {
  private BodyRelay() {}

  /**
   * Copies {@code from} to {@code to} until EOF and returns the byte count. Does not flush per read: live streams
   * rely on {@code ChannelInput.flushBeforeBlocking} to push bytes out before each wait for more.
   */
  public static long copy(InputStream from, OutputStream to, byte[] buffer) throws IOException {
    long total = 0;
    int n;
    while ((n = from.read(buffer)) >= 0) {
      if (n > 0) {
        to.write(buffer, 0, n);
        total += n;
      }
    }
    return total;
  }
}
