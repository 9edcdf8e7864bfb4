package io.sockguard.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Sends raw request bytes over one fresh connection and returns every byte that came back, for
 * tests that must control the exact octets on the wire (malformed heads, smuggling attempts).
 *
 * <p>Reads until the server closes the connection or the timeout passes, so a request that should
 * get a complete answer quickly says {@code Connection: close}. Stateless and thread-safe; each
 * call opens and closes its own connection. For multi-step exchanges use {@link RawConnection}.
 */
public final class RawHttp {

  /** How long an exchange waits for the server to finish and close, unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private RawHttp() {}

  /**
   * What came back on one connection.
   *
   * @param bytes everything received, possibly several responses or a partial one
   * @param closedByPeer true if the server closed the connection, false if the timeout ended the
   *     read
   */
  public record Response(byte[] bytes, boolean closedByPeer) {

    /** The bytes as ISO-8859-1 text, which maps each octet to one char. */
    public String text() {
      return new String(bytes, ISO_8859_1);
    }

    /** The status code of the first response; fails the test if there is no status line. */
    public int status() {
      return statusCode(bytes);
    }

    /** The body of the first response: everything after the first blank line. */
    public String body() {
      String text = text();
      int end = text.indexOf("\r\n\r\n");
      return end < 0 ? "" : text.substring(end + 4);
    }
  }

  /** Exchanges {@code request} with a TCP server, waiting at most {@link #DEFAULT_TIMEOUT}. */
  public static Response exchange(String host, int port, String request) {
    return exchange(
        new InetSocketAddress(host, port), request.getBytes(ISO_8859_1), DEFAULT_TIMEOUT);
  }

  /**
   * Exchanges {@code request} with a unix socket server, waiting at most {@link #DEFAULT_TIMEOUT}.
   */
  public static Response exchange(Path unixSocket, String request) {
    return exchange(
        UnixDomainSocketAddress.of(unixSocket), request.getBytes(ISO_8859_1), DEFAULT_TIMEOUT);
  }

  /**
   * Connects to {@code address}, writes {@code request} and reads until the server closes or {@code
   * timeout} passes. Connection failures are unchecked: they mean the test setup is wrong.
   */
  public static Response exchange(SocketAddress address, byte[] request, Duration timeout) {
    try (RawConnection connection = RawConnection.open(address)) {
      connection.write(request);
      byte[] bytes = connection.readUntilClosed(timeout);
      return new Response(bytes, connection.isClosedByPeer());
    } catch (IOException e) {
      throw new UncheckedIOException("raw exchange with " + address + " failed", e);
    }
  }

  /** The status code from the status line that starts {@code response}, e.g. 404. */
  public static int statusCode(byte[] response) {
    return statusCode(new String(response, ISO_8859_1));
  }

  /**
   * The status code from the status line that starts {@code response}; fails the test if the text
   * does not start with {@code HTTP/x.y NNN}.
   */
  public static int statusCode(String response) {
    int lineEnd = response.indexOf("\r\n");
    String line = lineEnd < 0 ? response : response.substring(0, lineEnd);
    String[] parts = line.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("[0-9]{3}")) {
      return fail("not an HTTP status line: \"" + line + "\"");
    }
    return Integer.parseInt(parts[1]);
  }
}
