package io.sockguard.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.sockguard.config.TlsMaterial;
import io.sockguard.listen.TlsEndpoint;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The admin listener: a loopback TCP port on the JDK's {@code com.sun.net.httpserver}, one virtual thread per
 * exchange, serving the same {@link LocalEndpoints} as the data plane. Metrics go through the exporter's
 * {@link MetricsHandler} (content negotiation, {@code name[]} filters) after the bearer check.
 *
 * <p>The exporter's {@code HTTPServer} class is never referenced: its static initialiser sets the JDK server's
 * {@code sun.net.httpserver.maxReqTime}/{@code maxRspTime} for the whole JVM. Those limits are instead set here,
 * explicitly, before the first server is created (the JDK reads them once), unless the operator set them with
 * {@code -D}. Thread-safe; the owner closes it.
 */
public final class AdminServer implements AutoCloseable {
  /** Seconds a client may take to send a request; an admin request is one short head. */
  static final String MAX_REQUEST_SECONDS = "10";

  /** Seconds a response may take; a scrape of a few thousand series takes milliseconds. */
  static final String MAX_RESPONSE_SECONDS = "60";

  private final HttpServer server;
  private final ExecutorService executor;

  private AdminServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds {@code hostPort} (a loopback {@code host:port}, validated by the config loader) and starts serving.
   *
   * @throws IOException if the address cannot be bound
   */
  public static AdminServer start(String hostPort, LocalEndpoints endpoints, AdminApi api) throws IOException {
    return start(hostPort, endpoints, api, null);
  }

  /**
   * As above; with {@code tls}, the listener speaks TLS 1.3 only and requires a client certificate from its CAs
   * (which is what lets it listen beyond loopback).
   */
  public static AdminServer start(String hostPort, LocalEndpoints endpoints, AdminApi api, TlsMaterial tls)
      throws IOException {
    setIfAbsent("sun.net.httpserver.maxReqTime", MAX_REQUEST_SECONDS);
    setIfAbsent("sun.net.httpserver.maxRspTime", MAX_RESPONSE_SECONDS);
    HttpServer server;
    if (tls == null) {
      server = HttpServer.create(address(hostPort), 0);
    } else {
      SSLContext context;
      try {
        context =
            TlsEndpoint.of(
                    tls.certificateChain(), tls.privateKey(), tls.clientAuthorities(), java.time.Duration.ofSeconds(10))
                .context();
      } catch (GeneralSecurityException e) {
        throw new IOException("admin TLS material refused: " + e.getMessage(), e);
      }
      HttpsServer https = HttpsServer.create(address(hostPort), 0);
      https.setHttpsConfigurator(
          new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
              SSLParameters parameters = context.getDefaultSSLParameters();
              parameters.setProtocols(new String[] {"TLSv1.3"});
              parameters.setNeedClientAuth(true);
              params.setSSLParameters(parameters);
            }
          });
      server = https;
    }
    MetricsHandler metrics = endpoints.registry() == null ? null : new MetricsHandler(endpoints.registry());
    server.createContext(
        "/",
        exchange -> {
          if (api.handles(exchange.getRequestURI().getPath())) {
            try (exchange) {
              api.handle(exchange);
            }
          } else {
            serve(exchange, endpoints, metrics);
          }
        });
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.start();
    return new AdminServer(server, executor);
  }

  /** The bound address (useful with port 0). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private static void serve(HttpExchange exchange, LocalEndpoints endpoints, MetricsHandler metrics)
      throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      LocalEndpoints.Endpoint endpoint = endpoints.endpointAt(exchange.getRequestURI().getPath());
      Reply reply;
      if (endpoint == null) {
        reply = Reply.message(404, "sockguard admin: no endpoint at this path");
      } else if (endpoint == LocalEndpoints.Endpoint.METRICS
          && (method.equals("GET") || method.equals("HEAD"))) {
        if (endpoints.admits(exchange.getRequestHeaders().getFirst("Authorization"))) {
          metrics.handle(exchange);
          return;
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        reply = LocalEndpoints.unauthorized();
      } else {
        reply =
            endpoints.answer(
                endpoint,
                method,
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Accept"));
      }
      exchange.getResponseHeaders().set("Content-Type", reply.contentType());
      boolean head = method.equals("HEAD");
      exchange.sendResponseHeaders(reply.status(), head ? -1 : reply.body().length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(reply.body());
        }
      }
    }
  }

  private static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  /** Stops accepting and closes open exchanges at once; scrapes are short and retried by the scraper. */
  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
