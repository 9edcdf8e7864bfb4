package io.sockguard.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code docker} command-line client against a given {@code DOCKER_HOST}, the way a
 * user of sockguard would.
 *
 * <p>The host's CLI configuration never leaks in: {@code DOCKER_CONFIG} points at an empty
 * directory of this instance, {@code DOCKER_CONTEXT} and TLS variables are removed, and hints are
 * off. The binary is {@code docker} from {@code PATH} unless {@code SOCKGUARD_TEST_DOCKER_CLI}
 * names another. Instances are immutable and thread-safe; each call starts its own process.
 */
public final class DockerCli {

  /** How long {@link #run} waits for the client to exit before failing the test. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** Environment variable naming the docker binary to run instead of {@code docker}. */
  public static final String CLI_ENV = "SOCKGUARD_TEST_DOCKER_CLI";

  /** Variables from the test JVM's environment that would redirect or reconfigure the client. */
  private static final List<String> SCRUBBED_ENV =
      List.of("DOCKER_CONTEXT", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "DOCKER_API_VERSION");

  private final String dockerHost;
  private final Map<String, String> extraEnv;
  private final Duration timeout;
  private final Path configDirectory;

  private DockerCli(
      String dockerHost, Map<String, String> extraEnv, Duration timeout, Path configDirectory) {
    this.dockerHost = dockerHost;
    this.extraEnv = Map.copyOf(extraEnv);
    this.timeout = timeout;
    this.configDirectory = configDirectory;
  }

  /**
   * A client for {@code dockerHost}, e.g. {@code tcp://127.0.0.1:2375} or {@code
   * unix:///tmp/sockguard.sock}.
   */
  public static DockerCli forHost(String dockerHost) {
    try {
      Path config = Files.createTempDirectory("sockguard-docker-config");
      config.toFile().deleteOnExit();
      return new DockerCli(dockerHost, Map.of(), DEFAULT_TIMEOUT, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client for the unix socket at {@code socket}. */
  public static DockerCli forUnixSocket(Path socket) {
    return forHost("unix://" + socket.toAbsolutePath());
  }

  /** This client with one more environment variable (e.g. {@code DOCKER_API_VERSION}). */
  public DockerCli withEnv(String name, String value) {
    Map<String, String> env = new LinkedHashMap<>(extraEnv);
    env.put(name, value);
    return new DockerCli(dockerHost, env, timeout, configDirectory);
  }

  /** This client with a different timeout for {@link #run} and {@link #runWithStdin}. */
  public DockerCli withTimeout(Duration newTimeout) {
    return new DockerCli(dockerHost, extraEnv, newTimeout, configDirectory);
  }

  /** The {@code DOCKER_HOST} this client talks to. */
  public String dockerHost() {
    return dockerHost;
  }

  /**
   * What one finished command produced.
   *
   * @param command the full command line, for failure messages
   * @param exitCode the client's exit status
   * @param stdout everything written to standard output
   * @param stderr everything written to standard error
   */
  public record Result(List<String> command, int exitCode, byte[] stdout, byte[] stderr) {

    public Result {
      command = List.copyOf(command);
    }

    /** Standard output as UTF-8 text. */
    public String out() {
      return new String(stdout, UTF_8);
    }

    /** Standard error as UTF-8 text. */
    public String err() {
      return new String(stderr, UTF_8);
    }

    public boolean succeeded() {
      return exitCode == 0;
    }

    /** Returns this result if the command exited 0; otherwise fails the test showing its output. */
    public Result assertSuccess() {
      if (!succeeded()) {
        fail(this + " failed");
      }
      return this;
    }

    @Override
    public String toString() {
      return String.join(" ", command)
          + " (exit "
          + exitCode
          + ")\n--- stdout\n"
          + out()
          + "\n--- stderr\n"
          + err();
    }
  }

  /** Runs {@code docker args...} with empty standard input and waits for it to exit. */
  public Result run(String... args) {
    return runWithStdin(new byte[0], args);
  }

  /** Runs {@code docker args...} with {@code stdin} as standard input, then end of file. */
  public Result runWithStdin(byte[] stdin, String... args) {
    ProcessBuilder builder = processBuilder(args);
    Process process = launch(builder);
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
              } catch (IOException e) {
                // The client exited without reading all of its input; its exit code says why.
              }
            },
            Thread::startVirtualThread);
    Result result = await(builder.command(), process);
    writer.join();
    return result;
  }

  /** Runs {@code docker args...} with the file {@code stdin} as standard input. */
  public Result runWithStdin(Path stdin, String... args) {
    ProcessBuilder builder = processBuilder(args).redirectInput(stdin.toFile());
    return await(builder.command(), launch(builder));
  }

  /**
   * Starts {@code docker args...} for a long-running command ({@code logs -f}, {@code events},
   * {@code attach}) and returns at once. The caller owns the process: it reads its output streams
   * and destroys it.
   */
  public Process start(String... args) {
    return launch(processBuilder(args));
  }

  private ProcessBuilder processBuilder(String... args) {
    List<String> command = new ArrayList<>();
    command.add(System.getenv().getOrDefault(CLI_ENV, "docker"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    SCRUBBED_ENV.forEach(env::remove);
    env.put("DOCKER_HOST", dockerHost);
    env.put("DOCKER_CONFIG", configDirectory.toString());
    env.put("DOCKER_CLI_HINTS", "false");
    env.putAll(extraEnv);
    return builder;
  }

  private static Process launch(ProcessBuilder builder) {
    try {
      return builder.start();
    } catch (IOException e) {
      return fail("cannot start " + builder.command() + " (is the docker CLI installed?)", e);
    }
  }

  private Result await(List<String> command, Process process) {
    CompletableFuture<byte[]> stdout = drain(process.getInputStream());
    CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        process.waitFor();
        return fail(
            new Result(command, -1, stdout.get(), stderr.get())
                + "\n--- did not exit within "
                + timeout);
      }
      return new Result(command, process.exitValue(), stdout.get(), stderr.get());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      return fail("interrupted while waiting for " + command, e);
    } catch (ExecutionException e) {
      return fail("cannot read the output of " + command, e);
    }
  }

  private static CompletableFuture<byte[]> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        },
        Thread::startVirtualThread);
  }
}
