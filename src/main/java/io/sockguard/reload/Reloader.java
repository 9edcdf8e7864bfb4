package io.sockguard.reload;

import io.sockguard.config.Config;
import io.sockguard.config.ConfigException;
import io.sockguard.config.ConfigProblem;
import io.sockguard.observe.Logger;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Parse → validate → compile → swap. A reload either installs a complete new snapshot with one atomic write (requests
 * already running keep the snapshot they started with; new ones see the new one; no connection is touched) or leaves
 * the running one in place and says why. Attempts are serialised. Thread-safe.
 *
 * @param <T> the compiled, immutable snapshot requests read (the policy)
 */
public final class Reloader<T> {

  /** Reads the configuration afresh (file and environment). */
  @FunctionalInterface
  public interface Source {
    Config load() throws ConfigException, IOException, SignatureRejectedException;
  }

  /** Told about every attempt: feeds {@code sockguard_config_reload_total} and {@code sockguard_policy_version}. */
  @FunctionalInterface
  public interface Listener {
    void reloaded(ReloadResult result, long policyVersion, long epochSeconds);
  }

  /** Thrown by a {@link Source} whose configuration fails its signature check. */
  public static final class SignatureRejectedException extends Exception {
    public SignatureRejectedException(String message) {
      super(message);
    }
  }

  private final Source source;
  private final Function<Config, T> compile;
  private final AtomicReference<T> live;
  private final Logger logger;
  private final Listener listener;
  private final Clock clock;
  private Config running;
  private long version = 1;

  public Reloader(
      Source source,
      Config initial,
      Function<Config, T> compile,
      AtomicReference<T> live,
      Logger logger,
      Listener listener,
      Clock clock) {
    this.source = source;
    this.running = initial;
    this.compile = compile;
    this.live = live;
    this.logger = logger;
    this.listener = listener;
    this.clock = clock;
  }

  /** The configuration currently in force. */
  public synchronized Config running() {
    return running;
  }

  /** The policy generation: 1 at start, +1 per successful reload. */
  public synchronized long version() {
    return version;
  }

  /** Tries one reload; {@code trigger} (sighup, file, poll, admin) is logged. */
  public synchronized ReloadResult reload(String trigger) {
    Config candidate;
    try {
      candidate = source.load();
    } catch (SignatureRejectedException e) {
      return reject(ReloadResult.REJECT_SIGNATURE, trigger, "error", e.getMessage());
    } catch (IOException e) {
      return reject(ReloadResult.REJECT_LOAD, trigger, "error", String.valueOf(e.getMessage()));
    } catch (ConfigException e) {
      boolean syntax = e.problems().stream().allMatch(p -> p.key().isEmpty());
      return reject(
          syntax ? ReloadResult.REJECT_LOAD : ReloadResult.REJECT_VALIDATION,
          trigger,
          "errors",
          String.join("; ", e.problems().stream().map(ConfigProblem::toString).toList()));
    }
    List<String> changed = ImmutableFields.changed(running, candidate);
    if (!changed.isEmpty()) {
      return reject(ReloadResult.REJECT_IMMUTABLE, trigger, "changed_fields", String.join(",", changed));
    }
    T compiled;
    try {
      compiled = compile.apply(candidate);
    } catch (RuntimeException e) {
      return reject(ReloadResult.REJECT_VALIDATION, trigger, "error", String.valueOf(e.getMessage()));
    }
    live.set(compiled);
    running = candidate;
    version++;
    logger.info(
        "config reloaded",
        "result", ReloadResult.OK.wire(),
        "trigger", trigger,
        "policy_version", version,
        "rules", candidate.rules().size(),
        "config", candidate.source());
    listener.reloaded(ReloadResult.OK, version, clock.instant().getEpochSecond());
    return ReloadResult.OK;
  }

  private ReloadResult reject(ReloadResult result, String trigger, String key, String detail) {
    logger.warn(
        "config reload rejected",
        "result", result.wire(),
        "trigger", trigger,
        "policy_version", version,
        key, detail);
    listener.reloaded(result, version, clock.instant().getEpochSecond());
    return result;
  }
}
