package io.sockguard.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The whole validated configuration, built only by {@link ConfigLoader}. Immutable and thread-safe; a reload builds a
 * new instance.
 *
 * @param listen where clients connect
 * @param upstream the Docker daemon socket
 * @param log logging
 * @param rules ordered allow/deny rules, first match wins; empty means every request is denied
 * @param metrics the Prometheus endpoint
 * @param health the health endpoint, watchdog and readiness probe
 * @param admin the separate admin listener
 * @param response what answers hide ({@code [response]})
 * @param reload hot reload on SIGHUP and file changes ({@code [reload]})
 * @param source the file the configuration came from, or {@code "embedded default"}
 * @param requestBody what inspected request bodies may ask for
 * @param policyBundle whether the file must carry a signature, and from whom
 * @param listeners the {@code [[listeners]]} entries, besides those of {@code [listen]}
 * @param clients admission and profile selection ({@code [clients]})
 */
public record Config(
    ListenConfig listen,
    UpstreamConfig upstream,
    LogConfig log,
    List<RuleConfig> rules,
    MetricsConfig metrics,
    HealthConfig health,
    AdminConfig admin,
    String source,
    RequestBodyConfig requestBody,
    ResponseConfig response,
    ReloadConfig reload,
    PolicyBundleConfig policyBundle,
    List<ListenerConfig> listeners,
    ClientsConfig clients) {

  /** {@link #source()} of the configuration built into the jar. */
  public static final String EMBEDDED_DEFAULT = "embedded default";

  public Config {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(upstream, "upstream");
    Objects.requireNonNull(log, "log");
    rules = List.copyOf(rules);
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(health, "health");
    Objects.requireNonNull(admin, "admin");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(response, "response");
    Objects.requireNonNull(requestBody, "requestBody");
    Objects.requireNonNull(reload, "reload");
    Objects.requireNonNull(policyBundle, "policyBundle");
    listeners = List.copyOf(listeners);
    Objects.requireNonNull(clients, "clients");
  }

  /** Without extra listeners and without {@code [clients]}. */
  public Config(
      ListenConfig listen,
      UpstreamConfig upstream,
      LogConfig log,
      List<RuleConfig> rules,
      MetricsConfig metrics,
      HealthConfig health,
      AdminConfig admin,
      String source,
      RequestBodyConfig requestBody,
      ResponseConfig response,
      ReloadConfig reload,
      PolicyBundleConfig policyBundle) {
    this(
        listen, upstream, log, rules, metrics, health, admin, source, requestBody, response, reload, policyBundle,
        List.of(), ClientsConfig.NONE);
  }

  /** This configuration with {@code newRules} in place of its rules (used when rules come from another source). */
  public Config withRules(List<RuleConfig> newRules) {
    return new Config(
        listen, upstream, log, newRules, metrics, health, admin, source, requestBody, response, reload, policyBundle,
        listeners, clients);
  }

  /**
   * Every listener to bind, in order: {@code listen.address}, {@code listen.socket} (when set), then the
   * {@code [[listeners]]} entries.
   */
  public List<ListenerConfig> allListeners() {
    List<ListenerConfig> all = new ArrayList<>();
    if (listen.hasTcp()) {
      all.add(new ListenerConfig("listen.address", listen.address(), "", 0600, "", listen.tls(), ""));
    }
    if (listen.hasUnixSocket()) {
      all.add(
          new ListenerConfig(
              "listen.socket", "", listen.socket(), listen.socketMode(), listen.socketGroup(), null, ""));
    }
    all.addAll(listeners);
    return List.copyOf(all);
  }
}
