import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sockguard.observe.ExchangeRecord;
import io.sockguard.observe.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Helper for scripts/bench/scrape-cost, run with the source launcher on the project's class path.
 *
 * <pre>
 *   java ScrapeCost.java scrape SERIES   time one scrape of SERIES distinct route x status request series
 *   java ScrapeCost.java upstream SOCKET a minimal keep-alive daemon stand-in answering 200 "OK" to everything
 * </pre>
 */
public final class ScrapeCost {
  private static final byte[] OK =
      "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\nApi-Version: 1.41\r\n\r\nOK"
          .getBytes(StandardCharsets.US_ASCII);

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "scrape" -> scrape(Integer.parseInt(args[1]));
      case "upstream" -> upstream(Path.of(args[1]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static void scrape(int series) throws IOException {
    PrometheusRegistry registry = new PrometheusRegistry();
    Metrics metrics = Metrics.builder(registry).watchdog(true).readiness(true).register();
    int[] statuses = {200, 304, 403, 404};
    int routes = series / statuses.length;
    for (int r = 0; r < routes; r++) {
      for (int status : statuses) {
        String decision = status == 403 ? "deny" : "allow";
        metrics.completed(
            new ExchangeRecord(
                "GET", "/bench/" + r, "/bench/" + r, "/bench/route" + r, status, decision,
                status == 403 ? "matched_deny_rule" : null, -1, 2_000_000L * (r % 7), 0, 0, "bench", "default",
                null));
      }
    }
    PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    int bytes = 0;
    for (int i = 0; i < 300; i++) {
      bytes = once(registry, writer).length;
    }
    long[] nanos = new long[500];
    for (int i = 0; i < nanos.length; i++) {
      long start = System.nanoTime();
      once(registry, writer);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    int lines = new String(once(registry, writer), StandardCharsets.UTF_8).split("\n").length;
    System.out.printf(
        "one scrape, %d request series (%d routes x %d statuses; %d exposition lines, %d bytes):"
            + " median %.2f ms, p99 %.2f ms, max %.2f ms (500 scrapes after 300 warm-up)%n",
        routes * statuses.length, routes, statuses.length, lines, bytes, nanos[nanos.length / 2] / 1e6,
        nanos[nanos.length * 99 / 100] / 1e6, nanos[nanos.length - 1] / 1e6);
  }

  private static byte[] once(PrometheusRegistry registry, PrometheusTextFormatWriter writer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
    writer.write(out, registry.scrape());
    return out.toByteArray();
  }

  private static void upstream(Path socket) throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    while (true) {
      SocketChannel channel = server.accept();
      Thread.ofVirtual().start(() -> serve(channel));
    }
  }

  /** Answers each request head (bodyless requests only) with the fixed response, keeping the connection open. */
  private static void serve(SocketChannel channel) {
    try (channel;
        InputStream in = Channels.newInputStream(channel);
        OutputStream out = Channels.newOutputStream(channel)) {
      byte[] buffer = new byte[8192];
      int matched = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        for (int i = 0; i < n; i++) {
          byte b = buffer[i];
          matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
              ? matched + 1 : (b == '\r' ? 1 : 0);
          if (matched == 4) {
            out.write(OK);
            matched = 0;
          }
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }
}
