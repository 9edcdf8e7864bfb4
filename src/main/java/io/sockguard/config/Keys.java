package io.sockguard.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every scalar key with its default: the one place defaults live. The embedded {@code default.toml} adds only the
 * rules, and {@code etc/sockguard.toml} restates these values for readers (a test keeps it honest).
 */
final class Keys {

  private static final String POSITIVE_DURATION = "a positive duration like \"5s\", \"250ms\" or \"1m30s\"";
  private static final String ABSOLUTE_PATH_OR_OFF = "an absolute file path, or \"\" for plain TCP";
  private static final String ENDPOINT_PATH = "a path starting with \"/\" (no spaces, ? or #)";

  static final Key<String> LISTEN_ADDRESS =
      Key.text(
          "listen.address",
          "127.0.0.1:2375",
          ValueSyntax::listenAddress,
          "host:port (IPv4, [IPv6] or hostname; port 0-65535), or \"\" to disable TCP");
  static final Key<String> LISTEN_SOCKET =
      Key.text(
          "listen.socket",
          "",
          ValueSyntax::optionalSocketPath,
          "an absolute unix socket path, or \"\" to disable the unix listener");
  static final Key<Integer> LISTEN_SOCKET_MODE =
      Key.text(
          "listen.socket_mode", 0600, ValueSyntax::fileMode, "an octal mode string from \"0000\" to \"0777\" like \"0600\"");
  static final Key<String> LISTEN_SOCKET_GROUP =
      Key.text(
          "listen.socket_group",
          "",
          ValueSyntax::groupName,
          "a group name or numeric gid, or \"\" to keep the process's group");
  static final Key<Boolean> LISTEN_INSECURE_ALLOW_PLAIN_TCP = Key.flag("listen.insecure_allow_plain_tcp", false);
  static final Key<Boolean> LISTEN_INSECURE_ALLOW_UNAUTHENTICATED_CLIENTS =
      Key.flag("listen.insecure_allow_unauthenticated_clients", false);
  static final Key<Duration> LISTEN_HEADER_TIMEOUT =
      Key.text("listen.header_timeout", Duration.ofSeconds(10), ValueSyntax::positiveDuration, POSITIVE_DURATION);
  static final Key<Duration> LISTEN_IDLE_TIMEOUT =
      Key.text("listen.idle_timeout", Duration.ofSeconds(120), ValueSyntax::positiveDuration, POSITIVE_DURATION);
  static final Key<Duration> LISTEN_SHUTDOWN_GRACE =
      Key.text("listen.shutdown_grace", Duration.ofSeconds(10), ValueSyntax::positiveDuration, POSITIVE_DURATION);

  static final Key<String> LISTEN_TLS_CERT_FILE =
      Key.text("listen.tls.cert_file", "", ValueSyntax::optionalAbsolutePath, ABSOLUTE_PATH_OR_OFF);
  static final Key<String> LISTEN_TLS_KEY_FILE =
      Key.text("listen.tls.key_file", "", ValueSyntax::optionalAbsolutePath, ABSOLUTE_PATH_OR_OFF);
  static final Key<String> LISTEN_TLS_CLIENT_CA_FILE =
      Key.text("listen.tls.client_ca_file", "", ValueSyntax::optionalAbsolutePath, ABSOLUTE_PATH_OR_OFF);

  static final Key<String> UPSTREAM_SOCKET =
      Key.text(
          "upstream.socket",
          "/var/run/docker.sock",
          ValueSyntax::socketPath,
          "an absolute unix socket path of at most " + ValueSyntax.MAX_SOCKET_PATH_BYTES + " bytes");
  static final Key<Duration> UPSTREAM_REQUEST_TIMEOUT =
      Key.text(
          "upstream.request_timeout",
          Duration.ofSeconds(60),
          ValueSyntax::positiveDurationOrOff,
          "a positive duration like \"60s\" or \"2m\", or \"off\"");

  static final Key<String> LOG_LEVEL =
      Key.text(
          "log.level", "info", ValueSyntax.oneOf(List.of("debug", "info", "warn", "error")), "debug, info, warn or error");
  static final Key<String> LOG_FORMAT =
      Key.text("log.format", "json", ValueSyntax.oneOf(List.of("json", "text")), "json or text");
  static final Key<Boolean> LOG_ACCESS_LOG = Key.flag("log.access_log", true);

  static final Key<Boolean> METRICS_ENABLED = Key.flag("metrics.enabled", false);
  static final Key<String> METRICS_PATH =
      Key.text("metrics.path", "/metrics", ValueSyntax::endpointPath, ENDPOINT_PATH);
  static final Key<String> METRICS_BEARER_TOKEN_FILE =
      Key.text("metrics.bearer_token_file", "", text -> text, "a file path, or \"\" for no token");

  static final Key<Boolean> HEALTH_ENABLED = Key.flag("health.enabled", true);
  static final Key<String> HEALTH_PATH = Key.text("health.path", "/health", ValueSyntax::endpointPath, ENDPOINT_PATH);
  static final Key<Boolean> HEALTH_WATCHDOG_ENABLED = Key.flag("health.watchdog.enabled", false);
  static final Key<Duration> HEALTH_WATCHDOG_INTERVAL =
      Key.text("health.watchdog.interval", Duration.ofSeconds(5), ValueSyntax::positiveDuration, POSITIVE_DURATION);
  static final Key<Boolean> HEALTH_READINESS_ENABLED = Key.flag("health.readiness.enabled", false);
  static final Key<String> HEALTH_READINESS_PATH =
      Key.text("health.readiness.path", "/ready", ValueSyntax::endpointPath, ENDPOINT_PATH);
  static final Key<Duration> HEALTH_READINESS_INTERVAL =
      Key.text("health.readiness.interval", Duration.ofSeconds(10), ValueSyntax::positiveDuration, POSITIVE_DURATION);
  static final Key<Duration> HEALTH_READINESS_TIMEOUT =
      Key.text("health.readiness.timeout", Duration.ofSeconds(5), ValueSyntax::positiveDuration, POSITIVE_DURATION);

  static final Key<Boolean> ADMIN_ENABLED = Key.flag("admin.enabled", false);
  static final Key<String> ADMIN_LISTEN_ADDRESS =
      Key.text(
          "admin.listen.address",
          "",
          ValueSyntax::listenAddress,
          "a loopback host:port like \"127.0.0.1:9102\", or \"\" when the admin listener is off");
  static final Key<String> ADMIN_LISTEN_SOCKET =
      Key.text(
          "admin.listen.socket",
          "",
          ValueSyntax::optionalSocketPath,
          "an absolute unix socket path (created 0600), or \"\" for none");
  static final Key<String> ADMIN_LISTEN_TLS_CERT_FILE =
      Key.text("admin.listen.tls.cert_file", "", text -> text, "a PEM certificate chain file, or \"\"");
  static final Key<String> ADMIN_LISTEN_TLS_KEY_FILE =
      Key.text("admin.listen.tls.key_file", "", text -> text, "a PEM (PKCS#8) private key file, or \"\"");
  static final Key<String> ADMIN_LISTEN_TLS_CLIENT_CA_FILE =
      Key.text("admin.listen.tls.client_ca_file", "", text -> text, "a PEM file of client CA certificates, or \"\"");

  /** Every scalar key, in the order of the reference file. */
  static final Key<Boolean> RESPONSE_REDACT_CONTAINER_ENV = Key.flag("response.redact_container_env", true);
  static final Key<Boolean> RESPONSE_REDACT_MOUNT_PATHS = Key.flag("response.redact_mount_paths", false);
  static final Key<Boolean> RESPONSE_REDACT_NETWORK_TOPOLOGY = Key.flag("response.redact_network_topology", false);
  static final Key<Boolean> RESPONSE_INSECURE_ALLOW_READ_EXFILTRATION =
      Key.flag("response.insecure_allow_read_exfiltration", false);
  static final Key<List<String>> RESPONSE_VISIBLE_RESOURCE_LABELS =
      Key.list(
          "response.visible_resource_labels",
          ValueSyntax::labelSelector,
          "a list of Docker label selectors, \"key\" or \"key=value\" (all must match)");
  static final Key<String> RESPONSE_DENY_VERBOSITY =
      Key.text(
          "response.deny_verbosity", "verbose", ValueSyntax.oneOf(List.of("minimal", "verbose")), "minimal or verbose");

  static final Key<String> ADMIN_PATH = Key.text("admin.path", "/admin/validate", ValueSyntax::endpointPath, ENDPOINT_PATH);
  static final Key<String> ADMIN_POLICY_VERSION_PATH =
      Key.text("admin.policy_version_path", "/admin/policy/version", ValueSyntax::endpointPath, ENDPOINT_PATH);
  static final Key<Long> ADMIN_MAX_REQUEST_BYTES = Key.integer("admin.max_request_bytes", 512 * 1024, 1, 64 << 20);

  static final Key<Boolean> RELOAD_ENABLED = Key.flag("reload.enabled", false);
  static final Key<Duration> RELOAD_DEBOUNCE =
      Key.text("reload.debounce", Duration.ofMillis(250), ValueSyntax::positiveDuration, POSITIVE_DURATION);
  static final Key<Duration> RELOAD_POLL_INTERVAL =
      Key.text(
          "reload.poll_interval",
          null,
          ValueSyntax::positiveDurationOrOff,
          "a positive duration like \"5s\", or \"off\" to rely on file-change notifications");

  static final Key<Boolean> POLICY_BUNDLE_ENABLED = Key.flag("policy_bundle.enabled", false);
  static final Key<String> POLICY_BUNDLE_SIGNATURE_PATH =
      Key.text(
          "policy_bundle.signature_path",
          "",
          text -> text,
          "a file path (relative to the config file's directory), or \"\" for the config file's name plus .sig");
  static final Key<List<String>> POLICY_BUNDLE_ALLOWED_SIGNING_KEYS =
      new Key<>(
          "policy_bundle.allowed_signing_keys",
          Key.TomlType.STRING_LIST,
          List.of(),
          ValueSyntax::publicKeyPems,
          "an array of PEM public keys (\"-----BEGIN PUBLIC KEY-----\" ... \"-----END PUBLIC KEY-----\")");

  static final List<Key<?>> ALL =
      List.of(
          LISTEN_ADDRESS,
          LISTEN_SOCKET,
          LISTEN_SOCKET_MODE,
          LISTEN_SOCKET_GROUP,
          LISTEN_INSECURE_ALLOW_PLAIN_TCP,
          LISTEN_INSECURE_ALLOW_UNAUTHENTICATED_CLIENTS,
          LISTEN_HEADER_TIMEOUT,
          LISTEN_IDLE_TIMEOUT,
          LISTEN_SHUTDOWN_GRACE,
          LISTEN_TLS_CERT_FILE,
          LISTEN_TLS_KEY_FILE,
          LISTEN_TLS_CLIENT_CA_FILE,
          UPSTREAM_SOCKET,
          UPSTREAM_REQUEST_TIMEOUT,
          LOG_LEVEL,
          LOG_FORMAT,
          LOG_ACCESS_LOG,
          METRICS_ENABLED,
          METRICS_PATH,
          METRICS_BEARER_TOKEN_FILE,
          HEALTH_ENABLED,
          HEALTH_PATH,
          HEALTH_WATCHDOG_ENABLED,
          HEALTH_WATCHDOG_INTERVAL,
          HEALTH_READINESS_ENABLED,
          HEALTH_READINESS_PATH,
          HEALTH_READINESS_INTERVAL,
          HEALTH_READINESS_TIMEOUT,
          RESPONSE_REDACT_CONTAINER_ENV,
          RESPONSE_REDACT_MOUNT_PATHS,
          RESPONSE_REDACT_NETWORK_TOPOLOGY,
          RESPONSE_DENY_VERBOSITY,
          RESPONSE_INSECURE_ALLOW_READ_EXFILTRATION,
          RESPONSE_VISIBLE_RESOURCE_LABELS,
          ADMIN_ENABLED,
          ADMIN_LISTEN_ADDRESS,
          ADMIN_LISTEN_SOCKET,
          ADMIN_LISTEN_TLS_CERT_FILE,
          ADMIN_LISTEN_TLS_KEY_FILE,
          ADMIN_LISTEN_TLS_CLIENT_CA_FILE,
          ADMIN_PATH,
          ADMIN_POLICY_VERSION_PATH,
          ADMIN_MAX_REQUEST_BYTES,
          RELOAD_ENABLED,
          RELOAD_DEBOUNCE,
          RELOAD_POLL_INTERVAL,
          POLICY_BUNDLE_ENABLED,
          POLICY_BUNDLE_SIGNATURE_PATH,
          POLICY_BUNDLE_ALLOWED_SIGNING_KEYS);

  /** The array of rule tables, read by {@link RuleReader} rather than as scalars. */
  static final String RULES = "rules";

  /**
   * Allowed names inside each table, by table path ({@code ""} is the top level), in declaration order. Derived from
   * {@link #ALL} so a new key cannot be forgotten here.
   */
  static final Map<String, Set<String>> TABLES = tables();

  private Keys() {}

  private static Map<String, Set<String>> tables() {
    Map<String, Set<String>> tables = new LinkedHashMap<>();
    tables.put("", new LinkedHashSet<>());
    for (Key<?> key : ALL) {
      String[] segments = key.path().split("\\.");
      String table = "";
      for (String segment : segments) {
        tables.computeIfAbsent(table, t -> new LinkedHashSet<>()).add(segment);
        table = table.isEmpty() ? segment : table + "." + segment;
      }
    }
    tables.get("").add(RULES);
    tables.get("").add(RequestBodyReader.TABLE); // read and checked by RequestBodyReader, like the rules
    // read and checked by ListenersReader and ClientsReader, like the rules
    tables.get("listen.tls").addAll(ListenersReader.SELECTOR_NAMES);
    tables.get("").add(ListenersReader.LISTENERS);
    tables.get("").add(ClientsReader.CLIENTS);
    tables.replaceAll((table, names) -> Collections.unmodifiableSet(names));
    return Collections.unmodifiableMap(tables);
  }
}
