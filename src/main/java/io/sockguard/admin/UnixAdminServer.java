package io.sockguard.admin;

import io.sockguard.http.BodyStreams;
import io.sockguard.http.BufferPool;
import io.sockguard.http.Framing;
import io.sockguard.http.HeadReader;
import io.sockguard.http.HttpLimits;
import io.sockguard.http.HttpProtocolException;
import io.sockguard.http.RequestHead;
import io.sockguard.listen.Connection;
import io.sockguard.listen.Listener;
import io.sockguard.route.CanonicalPath;
import io.sockguard.route.LocalRoutes;
import io.sockguard.route.PathCanonicalizer;
import io.sockguard.route.PathRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The admin endpoints on a unix socket ({@code admin.listen.socket}, mode 0600), which {@code com.sun.net.httpserver}
 * cannot bind: our own listener and strict head parser, one request per connection. File permissions are the access
 * control, so containers given the Docker-API socket never see this one. Thread-safe.
 */
public final class UnixAdminServer implements AutoCloseable {
  private final Listener listener;

  private UnixAdminServer(Listener listener) {
    this.listener = listener;
  }

  /** Binds {@code socket} and serves {@code api} and {@code endpoints} (metrics, health, ready) on it. */
  public static UnixAdminServer start(Path socket, LocalEndpoints endpoints, AdminApi api, HttpLimits limits)
      throws IOException {
    Listener listener = Listener.unix(socket, 0600);
    UnixAdminServer server = new UnixAdminServer(listener);
    Thread.ofPlatform()
        .daemon(true)
        .name("admin-accept")
        .start(
            () ->
                listener.acceptLoop(
                    connection -> serve(connection, endpoints, api, limits), e -> {}, new BufferPool(8 * 1024, 8)));
    return server;
  }

  private static void serve(Connection connection, LocalEndpoints endpoints, AdminApi api, HttpLimits limits) {
    try (connection) {
      RequestHead head;
      try {
        head = new HeadReader(connection.in(), limits).readRequest();
      } catch (HttpProtocolException e) {
        write(connection.out(), e.status(), "application/json", message(e.getMessage()));
        return;
      }
      if (head == null) {
        return;
      }
      CanonicalPath path;
      try {
        path = PathCanonicalizer.canonicalize(head.target());
      } catch (PathRejectedException e) {
        write(connection.out(), 400, "application/json", message("malformed path"));
        return;
      }
      if (api.handles(path.path())) {
        InputStream body = BodyStreams.decoding(connection.in(), Framing.ofRequest(head), limits);
        AdminApi.Answer answer = api.respond(head.method(), path.path(), body);
        write(connection.out(), answer.status(), "application/json", (answer.json() + "\n").getBytes(StandardCharsets.UTF_8));
        // a refused oversized body is still arriving: take (a bounded amount of) it, so the client reads our answer
        // instead of a broken pipe
        connection.shutdownOutput();
        BodyStreams.discard(connection.in(), LINGER_BYTES);
        return;
      }
      LocalRoutes.LocalResponse local = endpoints.answer(head, path);
      if (local == null) {
        write(connection.out(), 404, "application/json", message("no endpoint at this path"));
      } else {
        write(connection.out(), local.status(), local.contentType(), head.method().equals("HEAD") ? new byte[0] : local.body());
      }
    } catch (IOException | RuntimeException e) {
      // the caller went away or sent something unusable; the connection closes either way
    }
  }

  /** How much of an unread request body is drained before closing. */
  private static final long LINGER_BYTES = 1 << 20;


  private static byte[] message(String text) {
    return ("{\"message\":\"sockguard admin: " + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void write(OutputStream out, int status, String contentType, byte[] body) throws IOException {
    String head =
        "HTTP/1.1 " + status + " " + (status < 300 ? "OK" : "Error") + "\r\nContent-Type: " + contentType
            + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
  }

  public Path socketPath() {
    return listener.socketPath().orElseThrow();
  }

  /** Stops accepting and removes the socket file. */
  @Override
  public void close() throws IOException {
    listener.close();
  }
}
