package io.sockguard.cli;

import io.sockguard.config.Config;
import io.sockguard.config.ConfigException;
import io.sockguard.config.ConfigLoader;
import io.sockguard.config.ConfigProblem;
import io.sockguard.observe.LogSink;
import io.sockguard.policy.Decision;
import io.sockguard.route.CanonicalPath;
import io.sockguard.route.PathCanonicalizer;
import io.sockguard.route.PathRejectedException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
        version                                  print the version
        help                                     show this text

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
        case "version", "--version" -> {
          out.println("sockguard " + Version.current() + " (java " + Runtime.version() + ")");
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

  /** Loads the config or prints every problem; null when invalid. */
  private Config load(Path file) {
    try {
      Config config = ConfigLoader.load(file, env);
      Sockguard.compile(config);
      return config;
    } catch (Sockguard.ExposureRefusedException e) {
      err.println("sockguard: " + (file == null ? "embedded default config" : file) + " is refused:");
      for (String problem : e.problems()) {
        err.println("  " + problem);
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

  private ExitCode serve(List<String> args) {
    if (wantsHelp(args)) {
      out.print(USAGE);
      return ExitCode.OK;
    }
    Path file = takeConfig(args);
    if (!args.isEmpty()) {
      throw new UsageException("serve takes no argument " + args.get(0));
    }
    Config config = load(file);
    if (config == null) {
      return ExitCode.CONFIG_INVALID;
    }
    Sockguard sockguard;
    try {
      sockguard = Sockguard.start(config, LogSink.of(err), file, env);
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
    Config config = load(file);
    if (config == null) {
      return ExitCode.CONFIG_INVALID;
    }
    out.println("ok: " + config.source() + " (" + config.rules().size() + " rules)");
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
    Config config = load(file);
    if (config == null) {
      return ExitCode.CONFIG_INVALID;
    }
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
}
