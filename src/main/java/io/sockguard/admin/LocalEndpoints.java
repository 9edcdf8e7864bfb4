package io.sockguard.admin;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusProtobufWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sockguard.health.UpstreamStatus;
import io.sockguard.http.RequestHead;
import io.sockguard.route.CanonicalPath;
import io.sockguard.route.LocalRoutes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The endpoints sockguard answers itself, at their configured paths: metrics, health ({@code /health}) and readiness
 * ({@code /ready}). On the data plane they are matched before the policy, so Docker rules do not apply to them and
 * they are never forwarded; only unversioned paths match ({@code /v1.41/health} is a Docker path). The admin listener
 * serves the same answers.
 *
 * <p>Metrics are written with the exposition text writers (Prometheus text 0.0.4 unless the scraper asks for
 * OpenMetrics, or protobuf when that writer's implementation is on the class path). With a {@link BearerToken},
 * metrics answer 401 without it; health and readiness stay open for orchestrator probes.
 *
 * <p>Immutable and thread-safe.
 */
public final class LocalEndpoints implements LocalRoutes {
  private final String upstreamSocket;
  private final String metricsPath;
  private final PrometheusRegistry registry;
  private final BearerToken token;
  private final String healthPath;
  private final Supplier<UpstreamStatus> health;
  private final String readyPath;
  private final Supplier<UpstreamStatus> ready;
  private final ExpositionFormatWriter text = PrometheusTextFormatWriter.create();
  private final ExpositionFormatWriter openMetrics = OpenMetricsTextFormatWriter.create();
  private final ExpositionFormatWriter protobuf = new PrometheusProtobufWriter();

  private LocalEndpoints(Builder b) {
    this.upstreamSocket = b.upstreamSocket;
    this.metricsPath = b.metricsPath;
    this.registry = b.registry;
    this.token = b.token;
    this.healthPath = b.healthPath;
    this.health = b.health;
    this.readyPath = b.readyPath;
    this.ready = b.ready;
  }

  /** Starts with no endpoint; add the enabled ones. */
  public static Builder builder(String upstreamSocket) {
    return new Builder(upstreamSocket);
  }

  enum Endpoint {
    METRICS,
    HEALTH,
    READY
  }

  @Override
  public LocalResponse answer(RequestHead head, CanonicalPath path) {
    if (!path.versionPrefix().isEmpty()) {
      return null;
    }
    Endpoint endpoint = endpointAt(path.path());
    if (endpoint == null) {
      return null;
    }
    Reply reply =
        answer(
            endpoint,
            head.method(),
            head.headers().first("Authorization").orElse(null),
            head.headers().first("Accept").orElse(null));
    return new LocalResponse(reply.status(), reply.contentType(), reply.body());
  }

  /** The endpoint served at {@code path}, or null. */
  Endpoint endpointAt(String path) {
    if (path.equals(metricsPath)) {
      return Endpoint.METRICS;
    }
    if (path.equals(healthPath)) {
      return Endpoint.HEALTH;
    }
    if (path.equals(readyPath)) {
      return Endpoint.READY;
    }
    return null;
  }

  Reply answer(Endpoint endpoint, String method, String authorization, String accept) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return Reply.message(405, "sockguard: " + method + " is not allowed here; use GET");
    }
    return switch (endpoint) {
      case METRICS -> admits(authorization) ? scrape(accept) : unauthorized();
      case HEALTH -> Reply.health(health.get(), "connected", upstreamSocket);
      case READY -> Reply.health(ready.get(), "ready", upstreamSocket);
    };
  }

  /** Whether a metrics request with this {@code Authorization} value may scrape. */
  boolean admits(String authorization) {
    return token == null || token.admits(authorization);
  }

  static Reply unauthorized() {
    return Reply.message(401, "sockguard: metrics need Authorization: Bearer <token>");
  }

  PrometheusRegistry registry() {
    return registry;
  }

  private Reply scrape(String accept) {
    ExpositionFormatWriter writer = writerFor(accept);
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
    try {
      writer.write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    } catch (RuntimeException e) {
      // a collector's snapshot was refused by the model's validation: answer, rather than drop the connection
      return Reply.message(500, "sockguard: collecting metrics failed: " + e.getMessage());
    }
    return new Reply(200, writer.getContentType(), out.toByteArray());
  }

  /** Text unless the scraper asks for something else we can write; protobuf only when its implementation is present. */
  private ExpositionFormatWriter writerFor(String accept) {
    if (accept == null) {
      return text;
    }
    if (protobuf.accepts(accept) && protobuf.isAvailable()) {
      return protobuf;
    }
    if (openMetrics.accepts(accept)) {
      return openMetrics;
    }
    return text;
  }

  /** Which endpoints to serve; not thread-safe, use once. */
  public static final class Builder {
    private final String upstreamSocket;
    private String metricsPath;
    private PrometheusRegistry registry;
    private BearerToken token;
    private String healthPath;
    private Supplier<UpstreamStatus> health;
    private String readyPath;
    private Supplier<UpstreamStatus> ready;

    private Builder(String upstreamSocket) {
      this.upstreamSocket = Objects.requireNonNull(upstreamSocket, "upstreamSocket");
    }

    /**
     * Serves {@code registry} at {@code path}.
     *
     * @param token required from scrapers, or null for none
     */
    public Builder metrics(String path, PrometheusRegistry registry, BearerToken token) {
      this.metricsPath = Objects.requireNonNull(path, "path");
      this.registry = Objects.requireNonNull(registry, "registry");
      this.token = token;
      return this;
    }

    /** Serves liveness at {@code path} from {@code source} (the watchdog, or the last dial). */
    public Builder health(String path, Supplier<UpstreamStatus> source) {
      this.healthPath = Objects.requireNonNull(path, "path");
      this.health = Objects.requireNonNull(source, "source");
      return this;
    }

    /** Serves readiness at {@code path} from {@code source}. */
    public Builder readiness(String path, Supplier<UpstreamStatus> source) {
      this.readyPath = Objects.requireNonNull(path, "path");
      this.ready = Objects.requireNonNull(source, "source");
      return this;
    }

    public LocalEndpoints build() {
      return new LocalEndpoints(this);
    }
  }
}
