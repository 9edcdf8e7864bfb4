package io.sockguard.cli;

import io.sockguard.bundle.SignatureRejectedException;
import io.sockguard.bundle.SignedConfig;
import io.sockguard.bundle.Verification;
import io.sockguard.compat.TecnativaFlags;
import io.sockguard.config.Config;
import io.sockguard.config.ConfigException;
import io.sockguard.config.ConfigProblem;
import io.sockguard.learn.AccessLogReader;
import io.sockguard.learn.LogCheck;
import io.sockguard.learn.PolicySuggester;
import io.sockguard.learn.RulesToml;
import io.sockguard.observe.Level;
import io.sockguard.observe.LogSink;
import io.sockguard.observe.Logger;
import io.sockguard.policy.Decision;
import io.sockguard.route.CanonicalPath;
import io.sockguard.route.PathCanonicalizer;
import io.sockguard.route.PathRejectedException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line: {@code serve}, {@code validate}, {@code match}, {@code version}. Takes its streams and
 * environment as arguments and returns an exit code, so tests run it in-process.
 */
final class Cli {
  static final String USAGE =
      """
      Usage: sockguard <command> [options]

      A default-deny filtering proxy for the Docker Engine API.

      Commands:
        serve    [--config FILE]                 run the proxy (embedded default config without --config)
        validate --config FILE                   check a config file; prints every problem
        match    [--config FILE] METHOD PATH      show how the policy judges one request
        rules    [--config FILE]                 print the effective rules as TOML, whatever their source
        suggest  --from LOG [--profile NAME]     print the minimal rules that allow what LOG (JSON access log of a
                                                 warn/audit or allow-all run) shows was let through
        suggest  --from LOG --check --config FILE [--profile NAME]
                                                 report what FILE would deny of LOG's requests (exit 1 if any)
        version                                  print the version
        help                                     show this text

      Without rules in the config file, Tecnativa docker-socket-proxy variables (CONTAINERS=1, POST=0, ...)
      replace the embedded default rules with their equivalent; see sockguard rules.

      Every config key can be overridden by an environment variable SOCKGUARD_<KEY_PATH>,
      e.g. SOCKGUARD_LISTEN_ADDRESS=127.0.0.1:2375 or SOCKGUARD_UPSTREAM_SOCKET=/var/run/docker.sock.
      SOCKGUARD_CONFIG names the config file when --config is not given.

      Exit codes: 0 ok, 1 invalid configuration, 2 usage error, 3 runtime failure.
      """;

  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> env;

  Cli(PrintStream out, PrintStream err, Map<String, String> env) {
    this.out = out;
    this.err = err;
    this.env = env;
  }

  ExitCode run(String[] args) {
    if (args.length == 0) {
      err.print(USAGE);
      return ExitCode.USAGE;
    }
    List<String> rest = new ArrayList<>(List.of(args).subList(1, args.length));
    try {
      return switch (args[0]) {
        case "serve" -> serve(rest);
        case "validate" -> validate(rest);
        case "match" -> match(rest);
        case "rules" -> rules(rest);
        case "suggest" -> suggest(rest);
        case "version", "--version" -> {
          out.println(
              "sockguard "
                  + Version.current()
                  + " (commit "
                  + Version.commit()
                  + ", built "
                  + Version.buildDate()
                  + ", java "
                  + Runtime.version()
                  + ")");
          yield ExitCode.OK;
        }
        case "help", "--help", "-h" -> {
          out.print(USAGE);
          yield ExitCode.OK;
        }
        default -> usage("unknown command: " + args[0]);
      };
    } catch (UsageException e) {
      return usage(e.getMessage());
    }
  }

  private ExitCode usage(String message) {
    err.println("sockguard: " + message);
    err.print(USAGE);
    return ExitCode.USAGE;
  }

  private static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  /** Removes {@code --config FILE} (or {@code --config=FILE}) from {@code args}; falls back to SOCKGUARD_CONFIG. */
  private Path takeConfig(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--config") || arg.equals("-c")) {
        if (i + 1 >= args.size()) {
          throw new UsageException("--config needs a file");
        }
        String file = args.remove(i + 1);
        args.remove(i);
        return Path.of(file);
      }
      if (arg.startsWith("--config=")) {
        args.remove(i);
        return Path.of(arg.substring("--config=".length()));
      }
    }
    String fromEnv = env.get("SOCKGUARD_CONFIG");
    return fromEnv == null || fromEnv.isEmpty() ? null : Path.of(fromEnv);
  }

  private static boolean wantsHelp(List<String> args) {
    return args.contains("--help") || args.contains("-h");
  }

  /**
   * A loaded configuration with its effective rules.
   *
   * @param rulesSource where the rules came from: the file, the embedded default, or the Tecnativa variables
   * @param warnings what {@code validate} should point out
   */
  private record Effective(
      Config config, String rulesSource, List<String> warnings, Optional<Verification> verification) {}

  /** Loads the config (verifying its signature if it asks for one) or prints every problem; null when invalid. */
  private Effective load(Path file) {
    Effective effective = null;
    try {
      SignedConfig.Loaded loaded = SignedConfig.load(file, env);
      effective = withCompatRules(loaded.config(), file, loaded.verification());
      Sockguard.compile(effective.config());
      return effective;
    } catch (SignatureRejectedException e) {
      err.println("sockguard: " + file + " is refused: " + e.getMessage());
      return null;
    } catch (Sockguard.ExposureRefusedException e) {
      err.println("sockguard: " + (file == null ? "embedded default config" : file) + " is refused:");
      for (String problem : e.problems()) {
        err.println("  " + problem);
      }
      if (effective != null && !effective.rulesSource().equals(effective.config().source())) {
        // The rules came from Tecnativa variables, which cannot be narrowed; say how to accept or replace them.
        err.println(
            "  (these rules come from the " + effective.rulesSource() + "; to accept the surfaces set the key"
                + " named above in a config file without [[rules]] (response.* keys also as SOCKGUARD_* variables),"
                + " or write narrower rules)");
      }
      return null;
    } catch (ConfigException e) {
      err.println("sockguard: " + (file == null ? "embedded default config" : file) + " is invalid:");
      for (ConfigProblem problem : e.problems()) {
        err.println("  " + problem);
      }
      return null;
    } catch (IOException e) {
      err.println("sockguard: cannot read " + file + ": " + e.getMessage());
      return null;
    }
  }

  /** Tecnativa drop-in (see {@link TecnativaFlags#resolve}). */
  private Effective withCompatRules(Config config, Path file, Optional<Verification> verification) {
    TecnativaFlags.Resolution resolved = TecnativaFlags.resolve(config, file != null, verification.isPresent(), env);
    return new Effective(resolved.config(), resolved.rulesSource(), resolved.warnings(), verification);
  }

  private ExitCode serve(List<String> args) {
    if (wantsHelp(args)) {
      out.print(USAGE);
      return ExitCode.OK;
    }
    Path file = takeConfig(args);
    if (!args.isEmpty()) {
      throw new UsageException("serve takes no argument " + args.get(0));
    }
    Effective effective = load(file);
    if (effective == null) {
      return ExitCode.CONFIG_INVALID;
    }
    Config config = effective.config();
    LogSink sink = LogSink.of(err);
    recordProvenance(effective, sink);
    Sockguard sockguard;
    try {
      sockguard =
          Sockguard.start(
              config, sink, file, effective.verification().map(Verification::signer).orElse(null), env);
    } catch (IOException | RuntimeException e) {
      err.println("sockguard: cannot start: " + e.getMessage());
      return ExitCode.RUNTIME_FAILURE;
    }
    Thread hook = new Thread(sockguard::close, "sockguard-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    if (config.reload().enabled()) {
      // only now: without reload.enabled, SIGHUP keeps its default meaning
      Signals.onHangup(() -> sockguard.requestReload("sighup"));
    }
    try {
      sockguard.awaitStop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCode.OK;
  }

  /** Logs, once at start, who signed the policy and where its rules came from, in the configured log format. */
  private static void recordProvenance(Effective effective, LogSink sink) {
    Config config = effective.config();
    Logger logger =
        new Logger(sink, Level.parse(config.log().level()), "json".equals(config.log().format()), Clock.systemUTC());
    effective
        .verification()
        .ifPresent(
            v ->
                logger.info(
                    "config signature verified",
                    "config", config.source(),
                    "bundle_signer", v.signer(),
                    "config_sha256", v.configSha256(),
                    "algorithm", v.algorithm(),
                    "signature_format", v.signatureFormat()));
    if (!effective.rulesSource().equals(config.source())) {
      logger.info("rules from environment", "source", effective.rulesSource(), "rules", config.rules().size());
    }
    for (String warning : effective.warnings()) {
      logger.warn("config warning", "detail", warning);
    }
  }

  private ExitCode validate(List<String> args) {
    if (wantsHelp(args)) {
      out.print(USAGE);
      return ExitCode.OK;
    }
    Path file = takeConfig(args);
    if (file == null && !args.isEmpty()) {
      file = Path.of(args.remove(0));
    }
    if (!args.isEmpty()) {
      throw new UsageException("validate takes one config file");
    }
    Effective effective = load(file);
    if (effective == null) {
      return ExitCode.CONFIG_INVALID;
    }
    Config config = effective.config();
    out.println("ok: " + config.source() + " (" + config.rules().size() + " rules)");
    if (!effective.rulesSource().equals(config.source())) {
      out.println("rules from: " + effective.rulesSource());
    }
    effective
        .verification()
        .ifPresent(v -> out.println("signed by: " + v.signer() + " (config_sha256 " + v.configSha256() + ")"));
    for (String warning : effective.warnings()) {
      out.println("warning: " + warning);
    }
    return ExitCode.OK;
  }

  private ExitCode match(List<String> args) {
    if (wantsHelp(args)) {
      out.print(USAGE);
      return ExitCode.OK;
    }
    Path file = takeConfig(args);
    if (args.size() != 2) {
      throw new UsageException("match needs METHOD and PATH");
    }
    Effective effective = load(file);
    if (effective == null) {
      return ExitCode.CONFIG_INVALID;
    }
    Config config = effective.config();
    String method = args.get(0);
    CanonicalPath path;
    try {
      path = PathCanonicalizer.canonicalize(args.get(1));
    } catch (PathRejectedException e) {
      out.println("canonical: (rejected)");
      out.println("decision: deny");
      out.println("reason: " + e.getMessage());
      return ExitCode.OK;
    }
    Decision decision = Sockguard.policyOf(config.rules()).decide(method, path.path());
    out.println("canonical: " + path.path());
    out.println("forwarded: " + path.forwardTarget());
    switch (decision) {
      case Decision.Allow allow -> {
        out.println("decision: allow");
        out.println("rule: " + allow.ruleIndex());
        if (allow.reason() != null && !allow.reason().isEmpty()) {
          out.println("reason: " + allow.reason());
        }
      }
      case Decision.Deny deny -> {
        out.println("decision: deny");
        out.println("rule: " + (deny.ruleIndex() < 0 ? "none" : Integer.toString(deny.ruleIndex())));
        out.println("reason_code: " + deny.reasonCode().wire());
        out.println("message: " + deny.message());
      }
    }
    return ExitCode.OK;
  }

  private ExitCode rules(List<String> args) {
    if (wantsHelp(args)) {
      out.print(USAGE);
      return ExitCode.OK;
    }
    Path file = takeConfig(args);
    if (!args.isEmpty()) {
      throw new UsageException("rules takes no argument " + args.get(0));
    }
    Effective effective = load(file);
    if (effective == null) {
      return ExitCode.CONFIG_INVALID;
    }
    out.println("# Effective rules of " + effective.config().source() + ", from " + effective.rulesSource());
    out.println("# Tried in order; the first match decides; no match denies.");
    out.println();
    out.print(RulesToml.render(effective.config().rules(), true));
    return ExitCode.OK;
  }

  private ExitCode suggest(List<String> args) {
    if (wantsHelp(args)) {
      out.print(USAGE);
      return ExitCode.OK;
    }
    boolean check = args.remove("--check");
    Path config = check ? takeConfig(args) : null;
    String from = takeOption(args, "--from");
    Optional<String> profile = Optional.ofNullable(takeOption(args, "--profile"));
    if (from == null) {
      throw new UsageException("suggest needs --from LOG");
    }
    if (check && config == null) {
      throw new UsageException("suggest --check needs --config FILE");
    }
    if (!args.isEmpty()) {
      throw new UsageException("suggest takes no argument " + args.get(0));
    }
    AccessLogReader.Result log;
    try (BufferedReader in = Files.newBufferedReader(Path.of(from), StandardCharsets.UTF_8)) {
      log = AccessLogReader.read(in);
    } catch (IOException e) {
      err.println("sockguard: cannot read " + from + ": " + e.getMessage());
      return ExitCode.RUNTIME_FAILURE;
    }
    if (!check) {
      out.print(PolicySuggester.suggest(log.requests(), profile).toToml());
      return ExitCode.OK;
    }
    Effective effective = load(config);
    if (effective == null) {
      return ExitCode.CONFIG_INVALID;
    }
    LogCheck.Report report =
        LogCheck.check(log.requests(), Sockguard.policyOf(effective.config().rules()), profile);
    for (LogCheck.Denial denial : report.denials()) {
      out.println(
          "would deny: " + denial.method() + " " + denial.path() + " (" + denial.count() + "x, " + denial.reasonCode()
              + (denial.rule() >= 0 ? ", rule " + denial.rule() : "") + ")");
    }
    out.println(
        "checked " + report.checked() + " request(s) from " + from + " against " + effective.config().source() + ": "
            + (report.isClean() ? "all allowed" : report.denials().size() + " request shape(s) would be denied"));
    // Exit 1, like an invalid config: this candidate is not good enough for the recorded workload.
    return report.isClean() ? ExitCode.OK : ExitCode.CONFIG_INVALID;
  }

  /** Removes {@code NAME VALUE} or {@code NAME=VALUE} from {@code args}; null when absent. */
  private static String takeOption(List<String> args, String name) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals(name)) {
        if (i + 1 >= args.size()) {
          throw new UsageException(name + " needs a value");
        }
        String value = args.remove(i + 1);
        args.remove(i);
        return value;
      }
      if (arg.startsWith(name + "=")) {
        args.remove(i);
        return arg.substring(name.length() + 1);
      }
    }
    return null;
  }
}
