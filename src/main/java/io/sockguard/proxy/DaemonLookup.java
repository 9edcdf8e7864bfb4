package io.sockguard.proxy;

import io.sockguard.http.BodyStreams;
import io.sockguard.http.Framing;
import io.sockguard.http.HeadReader;
import io.sockguard.http.HttpLimits;
import io.sockguard.http.ResponseHead;
import io.sockguard.upstream.UpstreamConnection;
import io.sockguard.upstream.UpstreamDialer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * sockguard's own small GETs to the daemon (is this container visible?), on a fresh connection that is closed
 * afterwards. Blocking; bodies are bounded.
 */
final class DaemonLookup {
  private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private DaemonLookup() {}

  record Answer(int status, byte[] body) {}

  /** {@code GET target}; throws IOException when the daemon cannot be asked. */
  static Answer get(UpstreamDialer dialer, String target, HttpLimits limits) throws IOException {
    try (UpstreamConnection connection = dialer.dial()) {
      connection
          .out()
          .write(
              ("GET " + target + " HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      connection.out().flush();
      ResponseHead head = new HeadReader(connection.in(), limits).readResponse();
      InputStream body =
          BodyStreams.decoding(connection.in(), Framing.ofResponse("GET", head), limits);
      byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new IOException("daemon answer to " + target + " is larger than " + MAX_BODY_BYTES + " bytes");
      }
      return new Answer(head.status(), bytes);
    }
  }
}
