package io.sockguard.cli;

import io.sockguard.admin.AdminApi;
import io.sockguard.config.Config;
import io.sockguard.config.ResponseConfig;
import io.sockguard.config.RuleConfig;
import io.sockguard.http.BufferPool;
import io.sockguard.inspect.BodyInspector;
import io.sockguard.inspect.HostFilesystem;
import io.sockguard.inspect.LabelSelector;
import io.sockguard.inspect.PolicyExposure;
import io.sockguard.inspect.RedactionPolicy;
import io.sockguard.inspect.RequestBodyPolicy;
import io.sockguard.config.LimitsConfig;
import io.sockguard.config.ListenerConfig;
import io.sockguard.config.ProfileConfig;
import io.sockguard.config.TlsMaterial;
import io.sockguard.identify.Identifier;
import io.sockguard.http.HttpLimits;
import io.sockguard.listen.Deadlines;
import io.sockguard.listen.Listener;
import io.sockguard.listen.TlsEndpoint;
import io.sockguard.observe.AccessLog;
import io.sockguard.observe.Level;
import io.sockguard.observe.LogSink;
import io.sockguard.observe.Logger;
import io.sockguard.policy.Action;
import io.sockguard.policy.Mode;
import io.sockguard.policy.Policy;
import io.sockguard.policy.Rule;
import io.sockguard.proxy.ActivePolicy;
import io.sockguard.proxy.ConnectionLoop;
import io.sockguard.proxy.Profile;
import io.sockguard.proxy.Profiles;
import io.sockguard.proxy.ProxyHandler;
import io.sockguard.throttle.ConcurrencyGate;
import io.sockguard.throttle.EndpointCosts;
import io.sockguard.throttle.Priority;
import io.sockguard.throttle.PriorityFloor;
import io.sockguard.throttle.Throttle;
import io.sockguard.throttle.TokenBucket;
import io.sockguard.upstream.UpstreamDialer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running sockguard: the composition root. {@link #start} validates nothing itself (the config is already valid),
 * wires every long-lived object once, binds the listeners and returns; {@link #close()} drains and stops.
 * Thread-safe.
 */
public final class Sockguard implements AutoCloseable {
  /** Stateless and thread-safe: one for the process. */
  private static final BodyInspector INSPECTOR = new BodyInspector(HostFilesystem.real());

  private final Config config;
  private final Logger logger;
  private final Deadlines deadlines;
  private final ConnectionLoop loop;
  private final List<Listener> listeners;
  private final Map<String, Listener> listenersByName;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();
  private final Observability observability;
  private final PolicyRuntime policy;

  private Sockguard(
      Config config,
      Logger logger,
      Deadlines deadlines,
      ConnectionLoop loop,
      List<Listener> listeners,
      Observability observability,
      PolicyRuntime policy,
      Map<String, Listener> listenersByName) {
    this.listenersByName = listenersByName;
    this.observability = observability;
    this.policy = policy;
    this.config = config;
    this.logger = logger;
    this.deadlines = deadlines;
    this.loop = loop;
    this.listeners = listeners;
  }

  /**
   * The root policy as profile {@code default}, then every {@code [[clients.profiles]]} entry, each with its throttle.
   * One priority floor is shared by all profiles when {@code clients.global_concurrency} is set (the root profile
   * counts against it at normal priority). Throttle state starts afresh with each compile, so a reload resets buckets
   * and in-flight counts.
   */
  static Profiles profilesOf(Config config, Policy root, Profile.Judging rootJudging) {
    int globalCap = config.clients().globalMaxInflight();
    PriorityFloor floor = globalCap > 0 ? new PriorityFloor(globalCap) : null;
    List<Profile> profiles = new ArrayList<>();
    profiles.add(
        new Profile(
            Profiles.ROOT, root, Mode.ENFORCE, throttleOf(LimitsConfig.NONE, Mode.ENFORCE, floor), rootJudging));
    for (ProfileConfig profile : config.clients().profiles()) {
      Mode mode = Mode.parse(profile.mode());
      profiles.add(
          new Profile(
              profile.name(),
              policyOf(profile.rules()),
              mode,
              throttleOf(profile.limits(), mode, floor),
              judgingOf(config, profile, rootJudging)));
    }
    return new Profiles(profiles);
  }

  /**
   * A profile's own body rails and answer handling, merged with the root's: its {@code request_body} replaces the
   * root's, its {@code response} keys override one by one, its label selectors are added to the root's; the root's
   * own (compiled once, shared) when the profile sets neither.
   */
  private static Profile.Judging judgingOf(Config config, ProfileConfig profile, Profile.Judging rootJudging) {
    if (profile.requestBody() == null && profile.response() == null) {
      return rootJudging;
    }
    ResponseConfig root = config.response();
    ProfileConfig.ResponseOverride own = profile.response();
    boolean env = own != null && own.redactContainerEnv() != null ? own.redactContainerEnv() : root.redactContainerEnv();
    boolean mounts = own != null && own.redactMountPaths() != null ? own.redactMountPaths() : root.redactMountPaths();
    boolean network =
        own != null && own.redactNetworkTopology() != null
            ? own.redactNetworkTopology()
            : root.redactNetworkTopology();
    String verbosity = own != null && own.denyVerbosity() != null ? own.denyVerbosity() : root.denyVerbosity();
    List<String> labels = new ArrayList<>(root.visibleResourceLabels());
    if (own != null) {
      labels.addAll(own.visibleResourceLabels());
    }
    return new Profile.Judging(
        RequestBodyPolicy.compile(profile.requestBody() != null ? profile.requestBody() : config.requestBody()),
        new RedactionPolicy(env, mounts, network),
        verbosity.equals("verbose"),
        LabelSelector.parse(labels));
  }

  private static Throttle throttleOf(LimitsConfig limits, Mode mode, PriorityFloor floor) {
    Throttle.Builder throttle = Throttle.builder().enforcing(mode.isEnforcing());
    if (limits.rate() != null) {
      List<EndpointCosts.Entry> costs =
          limits.rate().endpointCosts().stream()
              .map(c -> new EndpointCosts.Entry(c.path(), c.methods(), c.cost()))
              .toList();
      throttle.rate(
          new TokenBucket(limits.rate().tokensPerSecond(), limits.rate().burst(), System::nanoTime),
          new EndpointCosts(costs));
    }
    if (floor != null) {
      throttle.priorityFloor(floor, Priority.parse(limits.priority()));
    }
    if (limits.maxInflight() > 0) {
      throttle.concurrency(new ConcurrencyGate(limits.maxInflight()));
    }
    return throttle.build();
  }

  /** Rules that open a surface no rail checks, without the acknowledgement that would allow it. */
  static final class ExposureRefusedException extends RuntimeException {
    private final List<String> problems;

    ExposureRefusedException(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    List<String> problems() {
      return problems;
    }
  }

  /**
   * Compiles everything requests are judged by from a validated config; throws {@link ExposureRefusedException} when
   * the rules open read-exfiltration or blind-write surfaces that are not acknowledged.
   */
  static ActivePolicy compile(Config config) {
    ResponseConfig response = config.response();
    Policy policy = policyOf(config.rules());
    Profile.Judging rootJudging =
        new Profile.Judging(
            RequestBodyPolicy.compile(config.requestBody()),
            new RedactionPolicy(
                response.redactContainerEnv(), response.redactMountPaths(), response.redactNetworkTopology()),
            response.isVerbose(),
            LabelSelector.parse(response.visibleResourceLabels()));
    Profiles profiles = profilesOf(config, policy, rootJudging);
    List<String> exposures = new ArrayList<>();
    for (ProfileConfig profile : config.clients().profiles()) {
      // a profile's rules can open the same surfaces as the root rules; each is audited on its own
      for (String exposure :
          PolicyExposure.audit(
              profiles.get(profile.name()).policy(),
              INSPECTOR,
              response.insecureAllowReadExfiltration(),
              (profile.requestBody() != null ? profile.requestBody() : config.requestBody())
                  .insecureAllowBodyBlindWrites())) {
        exposures.add("profile " + profile.name() + ": " + exposure);
      }
    }
    exposures.addAll(
        0,
        PolicyExposure.audit(
            policy,
            INSPECTOR,
            response.insecureAllowReadExfiltration(),
            config.requestBody().insecureAllowBodyBlindWrites()));
    if (!exposures.isEmpty()) {
      throw new ExposureRefusedException(exposures);
    }
    return new ActivePolicy(
        policy,
        rootJudging.requestBody(),
        rootJudging.redaction(),
        rootJudging.verboseDenials(),
        rootJudging.visibility(),
        profiles);
  }

  /** Builds the policy from validated rule configs. */
  static Policy policyOf(List<RuleConfig> rules) {
    List<Rule> compiled = new ArrayList<>(rules.size());
    for (RuleConfig rule : rules) {
      compiled.add(
          new Rule(
              rule.index(),
              rule.method(),
              rule.path(),
              Action.valueOf(rule.action().toUpperCase(Locale.ROOT)),
              rule.reason(),
              rule.upgrade()));
    }
    return new Policy(compiled);
  }

  /** Wires and starts everything for {@code config} (no file behind it: reloads re-read the embedded default). */
  public static Sockguard start(Config config, LogSink sink) throws IOException {
    return start(config, sink, null, Map.of());
  }

  /**
   * Wires and starts everything for {@code config}, which was loaded from {@code file} (null: the embedded default)
   * with {@code env}; reloads read the same file and environment again.
   */
  public static Sockguard start(Config config, LogSink sink, Path file, Map<String, String> env) throws IOException {
    return start(config, sink, file, null, env);
  }

  /** As above, for a config whose signature {@code bundleSigner} (null: unsigned) has already verified. */
  public static Sockguard start(Config config, LogSink sink, Path file, String bundleSigner, Map<String, String> env)
      throws IOException {
    Logger logger =
        new Logger(
            sink, Level.parse(config.log().level()), "json".equals(config.log().format()), Clock.systemUTC());
    Observability observability = Observability.create(config, logger, Clock.systemUTC(), System.getenv());
    PolicyRuntime policy =
        PolicyRuntime.start(config, file, bundleSigner, env, logger, observability.metrics(), Clock.systemUTC());
    // 8 KiB per buffer keeps thousands of idle event streams small; spare buffers beyond 1024 are left to the GC
    BufferPool buffers = new BufferPool(8 * 1024, 1024);
    UpstreamDialer dialer =
        new UpstreamDialer(Path.of(config.upstream().socket()), observability.dialListener(), buffers);
    Deadlines deadlines = new Deadlines(System::nanoTime, 100_000_000L);
    HttpLimits limits = HttpLimits.defaults();
    ProxyHandler handler =
        new ProxyHandler(
            policy.active(),
            INSPECTOR,
            dialer,
            config.upstream().requestTimeout(),
            limits,
            observability.localRoutes(),
            observability.observer(new AccessLog(logger, config.log().accessLog())));
    ConnectionLoop loop =
        new ConnectionLoop(
            handler,
            deadlines,
            limits,
            config.listen().headerTimeout(),
            config.listen().idleTimeout(),
            logger);
    List<Listener> listeners = new ArrayList<>();
    Map<String, Listener> byName = new LinkedHashMap<>();
    Map<Listener, Identifier> identifiers = new HashMap<>();
    try {
      for (ListenerConfig listenerConfig : config.allListeners()) {
        Listener listener = bind(listenerConfig, config.listen().headerTimeout());
        listeners.add(listener);
        byName.put(listenerConfig.name(), listener);
        identifiers.put(listener, Identifier.forListener(config.clients(), listenerConfig));
      }
      observability.startAdmin(
          new AdminApi(
              config.admin().path(),
              config.admin().policyVersionPath(),
              config.admin().maxRequestBytes(),
              policy::info,
              policy::validate));
    } catch (IOException | RuntimeException e) {
      for (Listener listener : listeners) {
        listener.close();
      }
      deadlines.close();
      observability.close();
      policy.close();
      throw e;
    }
    Sockguard sockguard = new Sockguard(config, logger, deadlines, loop, listeners, observability, policy, byName);
    for (Listener listener : listeners) {
      listener.acceptThread()
          .name("accept-" + listener.description())
          .start(
              () ->
                  listener.acceptLoop(
                      connection -> loop.serve(connection, identifiers.get(listener)),
                      e -> logger.warn("accept failed", "listener", listener.description(), "error",
                          String.valueOf(e.getMessage())),
                      buffers));
    }
    logger.info(
        "sockguard started",
        "version", Version.current(),
        "config", config.source(),
        "listeners", String.join(",", listeners.stream().map(Listener::description).toList()),
        "upstream_socket", config.upstream().socket(),
        "rules", config.rules().size(),
        "profiles", String.join(",", config.clients().profiles().stream().map(ProfileConfig::name).toList()),
        "admin", observability.adminDescription(),
        "request_timeout", config.upstream().requestTimeout() == null ? "off" : config.upstream().requestTimeout().toString());
    return sockguard;
  }

  /** Binds one listener: TLS when it has TLS settings, else plain TCP, else a unix socket. */
  private static Listener bind(ListenerConfig listener, Duration handshakeTimeout) throws IOException {
    if (listener.isUnix()) {
      return Listener.unix(Path.of(listener.socket()), listener.socketMode(), listener.socketGroup());
    }
    if (!listener.isTls()) {
      return Listener.tcp(listener.address());
    }
    TlsMaterial material = listener.tls().material();
    try {
      return Listener.tls(
          listener.address(),
          TlsEndpoint.of(
              material.certificateChain(), material.privateKey(), material.clientAuthorities(), handshakeTimeout));
    } catch (GeneralSecurityException e) {
      throw new IOException(listener.name() + ": the TLS material was refused: " + e.getMessage(), e);
    }
  }

  /**
   * The bound TCP address of the listener called {@code name} in the config ({@code listen.address},
   * {@code listeners[0]}, ...), if it is a TCP or TLS listener.
   */
  public Optional<InetSocketAddress> tcpAddress(String name) {
    Listener listener = listenersByName.get(name);
    return listener == null ? Optional.empty() : listener.tcpAddress();
  }

  /** The bound TCP address of the first TCP listener (useful with port 0). */
  public Optional<InetSocketAddress> tcpAddress() {
    return listeners.stream().map(Listener::tcpAddress).flatMap(Optional::stream).findFirst();
  }

  /** The bound address of the admin listener, when one is configured. */
  public Optional<InetSocketAddress> adminAddress() {
    return observability.adminAddress();
  }

  public Optional<Path> socketPath() {
    return listeners.stream().map(Listener::socketPath).flatMap(Optional::stream).findFirst();
  }

  /** Asks for a config reload, as SIGHUP does; ignored unless {@code reload.enabled}. */
  public void requestReload(String reason) {
    policy.requestReload(reason);
  }

  /** Reloads the config now on the calling thread (tests, tools), whatever {@code reload.enabled} says. */
  public io.sockguard.reload.ReloadResult reloadNow(String reason) {
    return policy.reloadNow(reason);
  }

  /** The running policy's generation, load time and digest. */
  public io.sockguard.admin.AdminApi.PolicyInfo policyInfo() {
    return policy.info();
  }

  /** Client connections open right now (each hijack or stream holds one). */
  public int activeConnections() {
    return loop.activeConnections();
  }

  /** Blocks until {@link #close()} has finished. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Stops accepting, drains connections within {@code listen.shutdown_grace}, removes the unix socket. */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    logger.info("sockguard stopping", "active_connections", loop.activeConnections());
    for (Listener listener : listeners) {
      try {
        listener.close();
      } catch (IOException e) {
        logger.warn("closing listener failed", "listener", listener.description(), "error", e.getMessage());
      }
    }
    try {
      policy.close();
    } catch (IOException e) {
      logger.warn("stopping the reload watcher failed", "error", e.getMessage());
    }
    loop.drain(config.listen().shutdownGrace());
    observability.close();
    deadlines.close();
    logger.info("sockguard stopped");
    stopped.countDown();
  }
}
