package io.sockguard.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/**
 * Turns one TOML file plus the environment into a validated {@link Config}, or a {@link ConfigException} listing every
 * problem found.
 *
 * <p>Every scalar key can be overridden by an environment variable named {@code SOCKGUARD_} plus its dotted path with
 * dots as underscores, upper-cased ({@code listen.address} → {@code SOCKGUARD_LISTEN_ADDRESS}); the variable's text is
 * read exactly like the TOML value (booleans as {@code true}/{@code false}). Rules, {@code [request_body]},
 * {@code [[listeners]]} and {@code [clients]} cannot be set from the environment.
 * Any other {@code SOCKGUARD_*} variable is reported as a problem, since a misspelt override would otherwise be
 * silently ignored, except the launcher's own {@link #NON_CONFIG_VARIABLES}.
 *
 * <p>Stateless and thread-safe; the caller passes the environment in, so tests need not touch the real one.
 */
public final class ConfigLoader {

  /** {@code SOCKGUARD_*} variables that belong to the launcher, not the configuration, and are therefore allowed. */
  public static final Set<String> NON_CONFIG_VARIABLES =
      Set.of("SOCKGUARD_INSTANCE_ID", "SOCKGUARD_CONFIG", "SOCKGUARD_JAVA_OPTS", "SOCKGUARD_HOME");

  private static final String ENV_PREFIX = "SOCKGUARD_";
  private static final String DEFAULT_RESOURCE = "default.toml";

  private ConfigLoader() {}

  /**
   * Loads {@code fileOrNull}, or the configuration embedded in the jar when it is null, and applies {@code env}.
   *
   * @throws ConfigException listing every problem in the file and the environment
   * @throws IOException if the file cannot be read (it is not found, or not UTF-8)
   */
  public static Config load(Path fileOrNull, Map<String, String> env) throws ConfigException, IOException {
    if (fileOrNull == null) {
      return parse(embeddedDefault(), Config.EMBEDDED_DEFAULT, env);
    }
    return parse(Files.readString(fileOrNull), fileOrNull.toString(), env);
  }

  /**
   * Parses {@code tomlText} and applies {@code env}.
   *
   * @param sourceName file name used in problem locations and as {@link Config#source()}
   * @throws ConfigException listing every problem in the text and the environment
   */
  public static Config parse(String tomlText, String sourceName, Map<String, String> env) throws ConfigException {
    Objects.requireNonNull(tomlText, "tomlText");
    Objects.requireNonNull(env, "env");
    Problems problems = new Problems(Objects.requireNonNull(sourceName, "sourceName"));
    TomlParseResult toml = Toml.parse(tomlText);
    TomlTable root = toml;
    if (!toml.errors().isEmpty()) {
      for (TomlParseError error : toml.errors()) {
        problems.add("", problems.locate(error.position()), error.getMessage());
      }
      // What tomlj recovered around a syntax error would produce misleading follow-up problems; the environment is
      // still checked so one run reports everything that can be known.
      root = Toml.parse("");
    }
    ShapeCheck.check(root, problems);
    checkVariableNames(env, problems);
    ValueResolver values = new ValueResolver(root, env, problems);
    Map<String, String> where = new HashMap<>();
    Config config =
        build(
            values,
            RuleReader.read(root, problems),
            sourceName,
            RequestBodyReader.read(root, problems),
            ListenersReader.mainTls(root, values, problems, where),
            ListenersReader.read(root, problems, where),
            ClientsReader.read(root, problems, where),
            adminTls(values, problems));
    CrossCheck.check(config, values, problems);
    ClientsCheck.check(config, values, problems, where);
    List<ConfigProblem> found = problems.all();
    if (!found.isEmpty()) {
      throw new ConfigException(found);
    }
    return config;
  }

  private static Config build(
      ValueResolver values,
      List<RuleConfig> rules,
      String sourceName,
      RequestBodyConfig requestBody,
      TlsConfig listenTls,
      List<ListenerConfig> listeners,
      ClientsConfig clients,
      TlsMaterial adminTls) {
    ListenConfig listen =
        new ListenConfig(
            values.resolve(Keys.LISTEN_ADDRESS),
            values.resolve(Keys.LISTEN_SOCKET),
            values.resolve(Keys.LISTEN_SOCKET_MODE),
            values.resolve(Keys.LISTEN_INSECURE_ALLOW_PLAIN_TCP),
            values.resolve(Keys.LISTEN_INSECURE_ALLOW_UNAUTHENTICATED_CLIENTS),
            values.resolve(Keys.LISTEN_HEADER_TIMEOUT),
            values.resolve(Keys.LISTEN_IDLE_TIMEOUT),
            values.resolve(Keys.LISTEN_SHUTDOWN_GRACE),
            values.resolve(Keys.LISTEN_SOCKET_GROUP),
            listenTls);
    UpstreamConfig upstream =
        new UpstreamConfig(values.resolve(Keys.UPSTREAM_SOCKET), values.resolve(Keys.UPSTREAM_REQUEST_TIMEOUT));
    LogConfig log =
        new LogConfig(
            values.resolve(Keys.LOG_LEVEL), values.resolve(Keys.LOG_FORMAT), values.resolve(Keys.LOG_ACCESS_LOG));
    MetricsConfig metrics =
        new MetricsConfig(
            values.resolve(Keys.METRICS_ENABLED),
            values.resolve(Keys.METRICS_PATH),
            values.resolve(Keys.METRICS_BEARER_TOKEN_FILE));
    HealthConfig health =
        new HealthConfig(
            values.resolve(Keys.HEALTH_ENABLED),
            values.resolve(Keys.HEALTH_PATH),
            new WatchdogConfig(
                values.resolve(Keys.HEALTH_WATCHDOG_ENABLED), values.resolve(Keys.HEALTH_WATCHDOG_INTERVAL)),
            new ReadinessConfig(
                values.resolve(Keys.HEALTH_READINESS_ENABLED),
                values.resolve(Keys.HEALTH_READINESS_PATH),
                values.resolve(Keys.HEALTH_READINESS_INTERVAL),
                values.resolve(Keys.HEALTH_READINESS_TIMEOUT)));
    PolicyBundleConfig policyBundle =
        new PolicyBundleConfig(
            values.resolve(Keys.POLICY_BUNDLE_ENABLED),
            values.resolve(Keys.POLICY_BUNDLE_SIGNATURE_PATH),
            values.resolve(Keys.POLICY_BUNDLE_ALLOWED_SIGNING_KEYS));
    ResponseConfig response =
        new ResponseConfig(
            values.resolve(Keys.RESPONSE_REDACT_CONTAINER_ENV),
            values.resolve(Keys.RESPONSE_REDACT_MOUNT_PATHS),
            values.resolve(Keys.RESPONSE_REDACT_NETWORK_TOPOLOGY),
            values.resolve(Keys.RESPONSE_DENY_VERBOSITY),
            values.resolve(Keys.RESPONSE_INSECURE_ALLOW_READ_EXFILTRATION),
            values.resolve(Keys.RESPONSE_VISIBLE_RESOURCE_LABELS));
    AdminConfig admin =
        new AdminConfig(
            values.resolve(Keys.ADMIN_ENABLED),
            values.resolve(Keys.ADMIN_LISTEN_ADDRESS),
            values.resolve(Keys.ADMIN_PATH),
            values.resolve(Keys.ADMIN_POLICY_VERSION_PATH),
            values.resolve(Keys.ADMIN_MAX_REQUEST_BYTES),
            values.resolve(Keys.ADMIN_LISTEN_SOCKET),
            adminTls);
    ReloadConfig reload =
        new ReloadConfig(
            values.resolve(Keys.RELOAD_ENABLED),
            values.resolve(Keys.RELOAD_DEBOUNCE),
            values.resolve(Keys.RELOAD_POLL_INTERVAL));
    return new Config(
        listen, upstream, log, rules, metrics, health, admin, sourceName, requestBody, response, reload, policyBundle,
        listeners, clients);
  }

  /** {@code [admin.listen.tls]}: all three files or none; their contents are checked like the client listener's. */
  private static TlsMaterial adminTls(ValueResolver values, Problems problems) {
    List<Key<String>> keys =
        List.of(Keys.ADMIN_LISTEN_TLS_CERT_FILE, Keys.ADMIN_LISTEN_TLS_KEY_FILE, Keys.ADMIN_LISTEN_TLS_CLIENT_CA_FILE);
    List<String> files = keys.stream().map(values::resolve).toList();
    if (files.stream().allMatch(String::isEmpty)) {
      return null;
    }
    boolean complete = true;
    for (int i = 0; i < keys.size(); i++) {
      if (files.get(i).isEmpty()) {
        complete = false;
        problems.add(
            keys.get(i).path(),
            values.locationOf(keys.get(0)),
            "missing; admin TLS needs cert_file, key_file and client_ca_file together");
      }
    }
    if (!complete) {
      return null;
    }
    return ListenersReader.material(
        files.get(0),
        files.get(1),
        files.get(2),
        problems,
        keys.stream().map(Key::path).toArray(String[]::new),
        keys.stream().map(values::locationOf).toArray(String[]::new));
  }

  /** Reports {@code SOCKGUARD_*} variables that name no key, in name order so the output is stable. */
  private static void checkVariableNames(Map<String, String> env, Problems problems) {
    Set<String> known = new HashSet<>();
    for (Key<?> key : Keys.ALL) {
      known.add(key.envName());
    }
    for (String name : new TreeSet<>(env.keySet())) {
      if (name.startsWith(ENV_PREFIX) && !known.contains(name) && !NON_CONFIG_VARIABLES.contains(name)) {
        problems.add(
            name,
            "environment",
            "unknown variable" + Problems.suggest(name, new TreeSet<>(known))
                + " (overrides are SOCKGUARD_ plus the key path with _ for dots, like SOCKGUARD_LISTEN_ADDRESS;"
                + " rules cannot be set from the environment)");
      }
    }
  }

  private static String embeddedDefault() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedded " + DEFAULT_RESOURCE, e);
    }
  }
}
