package io.sockguard.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Docker daemon on a temporary unix socket: it records every request it receives and answers
 * through a {@link Handler}.
 *
 * <p>Each connection is served on its own virtual thread, with keep-alive: after a handler returns,
 * the next request on the same connection is read, unless the request said {@code Connection:
 * close} or the handler called {@link Exchange#closeAfterward()}. Thread-safe; the test that starts
 * it closes it, which closes every connection and deletes the socket.
 */
public final class FakeUpstream implements AutoCloseable {

  /** Answers one request. Runs on the connection's virtual thread. */
  @FunctionalInterface
  public interface Handler {

    /** Writes the response for {@code exchange.request()} to {@code exchange.output()}. */
    void handle(Exchange exchange) throws IOException;

    /** Answers every request with {@code status} and the JSON {@code body}, with Content-Length. */
    static Handler json(int status, String body) {
      return exchange -> exchange.respondJson(status, body);
    }

    /**
     * Never answers: holds each connection open, reading and discarding, until the client closes it
     * or the fake is closed. The request is still recorded.
     */
    static Handler silent() {
      return exchange -> {
        exchange.input().transferTo(OutputStream.nullOutputStream());
        exchange.closeAfterward();
      };
    }
  }

  /**
   * One request and the connection it arrived on. {@link #input()} continues after the request's
   * body, which lets a handler take over the stream after a {@code 101} answer (hijack).
   */
  public static final class Exchange {
    private final RecordedRequest request;
    private final InputStream input;
    private final OutputStream output;
    private boolean closeAfterward;

    Exchange(RecordedRequest request, InputStream input, OutputStream output) {
      this.request = request;
      this.input = input;
      this.output = output;
    }

    public RecordedRequest request() {
      return request;
    }

    public InputStream input() {
      return input;
    }

    public OutputStream output() {
      return output;
    }

    /** Closes the connection once the handler returns instead of waiting for the next request. */
    public void closeAfterward() {
      closeAfterward = true;
    }

    /** Writes a complete response with Content-Length framing and flushes it. */
    public void respond(int status, String contentType, byte[] body) throws IOException {
      String head =
          "HTTP/1.1 "
              + status
              + " "
              + reasonPhrase(status)
              + "\r\n"
              + "Content-Type: "
              + contentType
              + "\r\n"
              + "Content-Length: "
              + body.length
              + "\r\n\r\n";
      output.write(head.getBytes(ISO_8859_1));
      output.write(body);
      output.flush();
    }

    /** Writes a complete {@code application/json} response and flushes it. */
    public void respondJson(int status, String json) throws IOException {
      respond(status, "application/json", json.getBytes(UTF_8));
    }
  }

  private final Path directory;
  private final Path socketPath;
  private final ServerSocketChannel server;
  private final Handler handler;
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();

  private FakeUpstream(Path directory, ServerSocketChannel server, Handler handler) {
    this(directory, directory.resolve("docker.sock"), server, handler);
  }

  private FakeUpstream(Path directory, Path socketPath, ServerSocketChannel server, Handler handler) {
    this.directory = directory;
    this.socketPath = socketPath;
    this.server = server;
    this.handler = handler;
  }

  /** Starts a fake that answers every request with {@code 200 OK} and the JSON body {@code {}}. */
  public static FakeUpstream start() throws IOException {
    return start(Handler.json(200, "{}"));
  }

  /** Starts a fake that answers with {@code handler}. */
  public static FakeUpstream start(Handler handler) throws IOException {
    Path directory = Files.createTempDirectory("sockguard-fake-upstream");
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(directory.resolve("docker.sock")));
    FakeUpstream upstream = new FakeUpstream(directory, server, handler);
    Thread.ofVirtual().name("fake-upstream-accept").start(upstream::acceptLoop);
    return upstream;
  }

  /** Starts a fake listening at {@code socket} (its directory is created), e.g. to bring a "daemon" back. */
  public static FakeUpstream startAt(Path socket) throws IOException {
    return startAt(socket, Handler.json(200, "{}"));
  }

  /** Starts a fake with {@code handler} listening at {@code socket}; closing it deletes the socket's directory. */
  public static FakeUpstream startAt(Path socket, Handler handler) throws IOException {
    Path directory = Files.createDirectories(socket.getParent());
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    FakeUpstream upstream = new FakeUpstream(directory, socket, server, handler);
    Thread.ofVirtual().name("fake-upstream-accept").start(upstream::acceptLoop);
    return upstream;
  }

  /** The unix socket the fake listens on. */
  public Path socketPath() {
    return socketPath;
  }

  /** A snapshot of the requests received so far, in arrival order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Waits until at least {@code count} requests have arrived; fails the test otherwise. */
  public List<RecordedRequest> awaitRequests(int count, Duration timeout) {
    Poll.until(timeout, count + " request(s) at the fake upstream", () -> requests.size() >= count);
    return requests();
  }

  /** How many connections have been accepted so far. */
  public int connectionCount() {
    return accepted.get();
  }

  /** Stops accepting, closes every open connection and deletes the socket. */
  @Override
  public void close() throws IOException {
    server.close();
    for (SocketChannel connection : connections) {
      connection.close();
    }
    Files.deleteIfExists(socketPath);
    Files.deleteIfExists(directory);
  }

  private void acceptLoop() {
    while (server.isOpen()) {
      try {
        SocketChannel connection = server.accept();
        accepted.incrementAndGet();
        connections.add(connection);
        Thread.ofVirtual().name("fake-upstream-connection").start(() -> serve(connection));
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (!server.isOpen()) {
          return;
        }
      }
    }
  }

  private void serve(SocketChannel connection) {
    try (connection) {
      InputStream input = new BufferedInputStream(new ChannelInput(connection));
      OutputStream output = new ChannelOutput(connection);
      RequestReader reader = new RequestReader(input);
      RecordedRequest request;
      while ((request = reader.next()) != null) {
        requests.add(request);
        Exchange exchange = new Exchange(request, input, output);
        handler.handle(exchange);
        if (exchange.closeAfterward || wantsClose(request)) {
          return;
        }
      }
    } catch (IOException e) {
      // The client went away or sent something unparseable: that connection ends, the fake lives.
    } finally {
      connections.remove(connection);
    }
  }

  private static boolean wantsClose(RecordedRequest request) {
    boolean close =
        request.headerValues("Connection").stream().anyMatch(v -> v.equalsIgnoreCase("close"));
    boolean keepAlive =
        request.headerValues("Connection").stream().anyMatch(v -> v.equalsIgnoreCase("keep-alive"));
    return close || (request.version().equals("HTTP/1.0") && !keepAlive);
  }

  private static String reasonPhrase(int status) {
    return switch (status) {
      case 101 -> "Switching Protocols";
      case 200 -> "OK";
      case 201 -> "Created";
      case 204 -> "No Content";
      case 304 -> "Not Modified";
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> "Conflict";
      case 500 -> "Internal Server Error";
      case 503 -> "Service Unavailable";
      default -> "Status";
    };
  }

  /**
   * Reads straight from the channel. Unlike {@code Channels.newInputStream}, it takes no lock that
   * a concurrent write also needs, so a hijack handler can read and write on two threads.
   */
  private static final class ChannelInput extends InputStream {
    private final SocketChannel channel;

    ChannelInput(SocketChannel channel) {
      this.channel = channel;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      return channel.read(ByteBuffer.wrap(bytes, offset, length));
    }
  }

  /** Writes straight to the channel; see {@link ChannelInput} for why. */
  private static final class ChannelOutput extends OutputStream {
    private final SocketChannel channel;

    ChannelOutput(SocketChannel channel) {
      this.channel = channel;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }
}
