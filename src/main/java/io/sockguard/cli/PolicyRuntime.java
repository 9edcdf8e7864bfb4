package io.sockguard.cli;

import io.sockguard.admin.AdminApi;
import io.sockguard.config.Config;
import io.sockguard.config.ConfigException;
import io.sockguard.bundle.SignedConfig;
import io.sockguard.bundle.Verification;
import io.sockguard.compat.TecnativaFlags;
import io.sockguard.config.ConfigLoader;
import io.sockguard.config.ConfigProblem;
import io.sockguard.config.RuleConfig;
import io.sockguard.observe.Logger;
import io.sockguard.observe.Metrics;
import io.sockguard.proxy.ActivePolicy;
import io.sockguard.reload.ReloadResult;
import io.sockguard.reload.ReloadTrigger;
import io.sockguard.reload.Reloader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The policy half of the composition root: the one shared mutable thing, an atomic reference to the immutable
 * {@link ActivePolicy}, plus what replaces it (reload on SIGHUP/file change) and what reports on it (version, digest,
 * the admin validate endpoint). Thread-safe.
 */
final class PolicyRuntime implements AutoCloseable {
  private final AtomicReference<ActivePolicy> live;
  private final AtomicReference<AdminApi.PolicyInfo> info;
  private final Reloader<ActivePolicy> reloader;
  private final ReloadTrigger trigger;
  private final Map<String, String> env;
  private final Clock clock;

  private PolicyRuntime(
      AtomicReference<ActivePolicy> live,
      AtomicReference<AdminApi.PolicyInfo> info,
      Reloader<ActivePolicy> reloader,
      ReloadTrigger trigger,
      Map<String, String> env,
      Clock clock) {
    this.live = live;
    this.info = info;
    this.reloader = reloader;
    this.trigger = trigger;
    this.env = env;
    this.clock = clock;
  }

  /**
   * Compiles {@code config} (already loaded from {@code file}, or the embedded default when null) and, when
   * {@code reload.enabled}, starts watching {@code file}.
   */
  static PolicyRuntime start(
      Config config,
      Path file,
      String bundleSigner,
      Map<String, String> env,
      Logger logger,
      Optional<Metrics> metrics,
      Clock clock)
      throws IOException {
    AtomicReference<ActivePolicy> live = new AtomicReference<>(Sockguard.compile(config));
    String initialSha = file == null ? null : sha256(Files.readAllBytes(file));
    AtomicReference<AdminApi.PolicyInfo> info =
        new AtomicReference<>(infoOf(1, config, initialSha, bundleSigner, clock));
    AtomicReference<String> pendingSha = new AtomicReference<>();
    AtomicReference<String> pendingSigner = new AtomicReference<>();
    // the same path start-up takes: signature check on the bytes parsed, then the Tecnativa drop-in
    Reloader.Source source =
        () -> {
          SignedConfig.Loaded loaded;
          try {
            loaded = SignedConfig.load(file, env);
          } catch (io.sockguard.bundle.SignatureRejectedException e) {
            throw new Reloader.SignatureRejectedException(e.getMessage());
          }
          pendingSigner.set(loaded.verification().map(Verification::signer).orElse(null));
          pendingSha.set(
              loaded
                  .verification()
                  .map(Verification::configSha256)
                  .orElse(file == null ? null : sha256(Files.readAllBytes(file))));
          return TecnativaFlags.resolve(loaded.config(), file != null, loaded.verification().isPresent(), env)
              .config();
        };
    AtomicReference<Reloader<ActivePolicy>> self = new AtomicReference<>();
    Reloader<ActivePolicy> reloader =
        new Reloader<>(
            source,
            config,
            Sockguard::compile,
            live,
            logger,
            (result, version, epochSeconds) -> {
              if (result == ReloadResult.OK) {
                Config running = self.get().running();
                info.set(infoOf(version, running, pendingSha.get(), pendingSigner.get(), clock));
                metrics.ifPresent(m -> m.policyRules("default", allowRules(running), denyRules(running)));
              }
              metrics.ifPresent(m -> m.reloaded(result.wire(), version, epochSeconds));
            },
            clock);
    self.set(reloader);
    ReloadTrigger trigger = null;
    if (config.reload().enabled()) {
      trigger =
          new ReloadTrigger(file, config.reload().debounce(), config.reload().pollInterval(), reloader::reload);
    }
    return new PolicyRuntime(live, info, reloader, trigger, env, clock);
  }

  private static AdminApi.PolicyInfo infoOf(
      long version, Config config, String sha, String signer, Clock clock) {
    return new AdminApi.PolicyInfo(version, clock.instant(), sha, signer, config.rules().size(), 1);
  }

  private static int allowRules(Config config) {
    return (int) config.rules().stream().filter(RuleConfig::isAllow).count();
  }

  private static int denyRules(Config config) {
    return config.rules().size() - allowRules(config);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  /** What requests read: the current snapshot. */
  Supplier<ActivePolicy> active() {
    return live::get;
  }

  AdminApi.PolicyInfo info() {
    return info.get();
  }

  /** Asks for a reload (SIGHUP); a no-op unless {@code reload.enabled}. */
  void requestReload(String reason) {
    if (trigger != null) {
      trigger.request(reason);
    }
  }

  /** Reloads now, on the calling thread, whatever {@code reload.enabled} says. */
  ReloadResult reloadNow(String reason) {
    return reloader.reload(reason);
  }

  /** The admin validate endpoint: the same parse, validation and compilation a reload runs; applies nothing. */
  AdminApi.Outcome validate(String toml) {
    try {
      Config candidate = ConfigLoader.parse(toml, "posted config", env);
      Sockguard.compile(candidate);
      return new AdminApi.Outcome(List.of(), candidate.rules().size(), 1);
    } catch (ConfigException e) {
      return new AdminApi.Outcome(e.problems().stream().map(ConfigProblem::toString).toList(), 0, 0);
    } catch (Sockguard.ExposureRefusedException e) {
      return new AdminApi.Outcome(e.problems(), 0, 0);
    }
  }

  @Override
  public void close() throws IOException {
    if (trigger != null) {
      trigger.close();
    }
  }

  Clock clock() {
    return clock;
  }
}
