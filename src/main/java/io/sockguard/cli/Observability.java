package io.sockguard.cli;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sockguard.admin.AdminApi;
import io.sockguard.admin.AdminServer;
import io.sockguard.admin.UnixAdminServer;
import io.sockguard.config.TlsMaterial;
import io.sockguard.http.HttpLimits;
import io.sockguard.admin.BearerToken;
import io.sockguard.admin.LocalEndpoints;
import io.sockguard.config.Config;
import io.sockguard.config.RuleConfig;
import io.sockguard.health.LastDial;
import io.sockguard.health.ProbeListener;
import io.sockguard.health.Readiness;
import io.sockguard.health.UpstreamStatus;
import io.sockguard.health.Watchdog;
import io.sockguard.observe.ExchangeObserver;
import io.sockguard.observe.Logger;
import io.sockguard.observe.Metrics;
import io.sockguard.upstream.UpstreamDialer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The observability half of the composition root: metrics, the health sources (watchdog or last dial), the
 * readiness probe, the local endpoints and the admin listener, wired from the config. Probes start in
 * {@link #create}; {@link #startAdmin()} binds the admin port; {@link #close()} stops everything it started.
 */
final class Observability implements AutoCloseable {
  private final Metrics metrics;
  private final LastDial lastDial;
  private final Watchdog watchdog;
  private final Readiness readiness;
  private final LocalEndpoints endpoints;
  private final String adminAddress;
  private final String adminSocket;
  private final TlsMaterial adminTls;
  private AdminServer admin;
  private UnixAdminServer unixAdmin;

  private Observability(
      Metrics metrics,
      LastDial lastDial,
      Watchdog watchdog,
      Readiness readiness,
      LocalEndpoints endpoints,
      String adminAddress,
      String adminSocket,
      TlsMaterial adminTls) {
    this.metrics = metrics;
    this.lastDial = lastDial;
    this.watchdog = watchdog;
    this.readiness = readiness;
    this.endpoints = endpoints;
    this.adminAddress = adminAddress;
    this.adminSocket = adminSocket;
    this.adminTls = adminTls;
  }

  /**
   * Builds everything {@code config} enables and starts the probes.
   *
   * @param env the process environment ({@code SOCKGUARD_INSTANCE_ID})
   * @throws IOException if the bearer token file cannot be read
   */
  static Observability create(Config config, Logger logger, Clock clock, Map<String, String> env)
      throws IOException {
    Path socket = Path.of(config.upstream().socket());
    PrometheusRegistry registry = null;
    Metrics metrics = null;
    BearerToken token = null;
    if (config.metrics().enabled()) {
      if (!config.metrics().bearerTokenFile().isEmpty()) {
        token = BearerToken.read(Path.of(config.metrics().bearerTokenFile()));
      }
      registry = new PrometheusRegistry();
      metrics =
          Metrics.builder(registry)
              .build(Version.current(), Version.commit(), Version.buildDate())
              .instanceId(env.get("SOCKGUARD_INSTANCE_ID"))
              .clock(clock)
              .watchdog(config.health().watchdog().enabled())
              .readiness(config.health().readiness().enabled())
              .register();
      long allow = config.rules().stream().map(RuleConfig::action).filter("allow"::equals).count();
      metrics.policyRules("default", (int) allow, config.rules().size() - (int) allow);
    }
    ProbeListener watchdogMetrics = metrics == null ? ProbeListener.NONE : metrics::watchdogChecked;
    ProbeListener readinessMetrics = metrics == null ? ProbeListener.NONE : metrics::readinessChecked;
    LastDial lastDial = new LastDial(new UpstreamDialer(socket), clock);
    Watchdog watchdog = null;
    Readiness readiness = null;
    LocalEndpoints.Builder endpoints = LocalEndpoints.builder(socket.toString());
    if (metrics != null) {
      endpoints.metrics(config.metrics().path(), registry, token);
    }
    if (config.health().watchdog().enabled()) {
      watchdog =
          new Watchdog(
              new UpstreamDialer(socket), config.health().watchdog().interval(), logger, clock, watchdogMetrics);
      watchdog.start();
    }
    if (config.health().enabled()) {
      Supplier<UpstreamStatus> source = watchdog != null ? watchdog::status : lastDial::status;
      endpoints.health(config.health().path(), source);
    }
    if (config.health().readiness().enabled()) {
      readiness =
          new Readiness(
              new UpstreamDialer(socket),
              config.health().readiness().interval(),
              config.health().readiness().timeout(),
              logger,
              clock,
              readinessMetrics);
      readiness.start();
      endpoints.readiness(config.health().readiness().path(), readiness::status);
    }
    boolean admin = config.admin().enabled();
    String adminAddress = admin && !config.admin().listenAddress().isEmpty() ? config.admin().listenAddress() : null;
    String adminSocket = admin && !config.admin().listenSocket().isEmpty() ? config.admin().listenSocket() : null;
    return new Observability(
        metrics, lastDial, watchdog, readiness, endpoints.build(), adminAddress, adminSocket, config.admin().tls());
  }

  /** What the data-plane dialer reports to: the last-dial health source and the byte counters. */
  UpstreamDialer.Listener dialListener() {
    return new UpstreamDialer.Listener() {
      @Override
      public void dialed() {
        lastDial.dialed();
      }

      @Override
      public void dialFailed(String error) {
        lastDial.dialFailed(error);
      }

      @Override
      public void closed(long bytesSent, long bytesReceived) {
        if (metrics != null) {
          metrics.upstreamBytes(bytesSent, bytesReceived);
        }
      }
    };
  }

  /** Metrics, when enabled. */
  Optional<Metrics> metrics() {
    return Optional.ofNullable(metrics);
  }

  /** {@code accessLog} plus metrics when enabled. */
  ExchangeObserver observer(ExchangeObserver accessLog) {
    return metrics == null ? accessLog : ExchangeObserver.all(accessLog, metrics);
  }

  LocalEndpoints localRoutes() {
    return endpoints;
  }

  /** Binds the admin listener if one is configured. */
  void startAdmin(AdminApi api) throws IOException {
    if (adminAddress != null) {
      admin = AdminServer.start(adminAddress, endpoints, api, adminTls);
    }
    if (adminSocket != null) {
      unixAdmin = UnixAdminServer.start(Path.of(adminSocket), endpoints, api, HttpLimits.defaults());
    }
  }

  Optional<InetSocketAddress> adminAddress() {
    return admin == null ? Optional.empty() : Optional.of(admin.address());
  }

  /** The admin listener's description for the start-up log, or null. */
  String adminDescription() {
    String tcp = admin == null ? null : (adminTls == null ? "tcp " : "mtls ") + admin.address();
    String unix = unixAdmin == null ? null : "unix " + unixAdmin.socketPath();
    return tcp == null ? unix : unix == null ? tcp : tcp + "," + unix;
  }

  @Override
  public void close() {
    if (admin != null) {
      admin.close();
    }
    if (unixAdmin != null) {
      try {
        unixAdmin.close();
      } catch (IOException e) {
        // the socket file is removed on a best-effort basis; a stale one is replaced at next start
      }
    }
    if (watchdog != null) {
      watchdog.close();
    }
    if (readiness != null) {
      readiness.close();
    }
  }
}
