package io.sockguard.config;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.tomlj.TomlTable;

/**
 * Reads {@code [listen.tls]} (its files are scalar keys, its selectors lists) and the {@code [[listeners]]} entries,
 * loading every PEM file so that a bad one is reported with its key. Also reads certificate selectors for
 * {@link ClientsReader}.
 */
final class ListenersReader {

  static final String LISTENERS = "listeners";
  static final Set<String> SELECTOR_NAMES =
      TableFields.names("common_names", "dns_names", "ip_addresses", "uri_sans", "public_key_sha256_pins");

  private static final Set<String> LISTENER_NAMES =
      TableFields.names("address", "socket", "socket_mode", "socket_group", "tls", "profile");
  private static final Set<String> TLS_NAMES = names(List.of("cert_file", "key_file", "client_ca_file"));
  private static final Pattern HEX_PIN = Pattern.compile("[0-9A-Fa-f]{64}");
  private static final Pattern BASE64_PIN = Pattern.compile("[A-Za-z0-9+/]{43}=");
  private static final String PIN =
      "a SHA-256 of the SubjectPublicKeyInfo as 64 hex digits or 44 base64 characters";

  private ListenersReader() {}

  /**
   * {@code [listen.tls]}, or null when none of its files is set. {@code where} receives the location of
   * {@code listen.tls} for later checks.
   */
  static TlsConfig mainTls(TomlTable root, ValueResolver values, Problems problems, Map<String, String> where) {
    String cert = values.resolve(Keys.LISTEN_TLS_CERT_FILE);
    String key = values.resolve(Keys.LISTEN_TLS_KEY_FILE);
    String ca = values.resolve(Keys.LISTEN_TLS_CLIENT_CA_FILE);
    TomlTable table = root.get(List.of("listen", "tls")) instanceof TomlTable t ? t : null;
    String location =
        table == null ? values.locationOf(Keys.LISTEN_TLS_CERT_FILE) : problems.locate(root.inputPositionOf(List.of("listen", "tls")));
    where.put("listen.tls", location);
    CertificateSelectorConfig accept = CertificateSelectorConfig.ANY;
    if (table != null) {
      accept = selector(new TableFields(problems, table, "listen.tls", location), false);
    }
    if (cert.isEmpty() && key.isEmpty() && ca.isEmpty()) {
      if (!accept.isEmpty()) {
        problems.add("listen.tls", location, "certificate selectors need TLS; set cert_file, key_file and client_ca_file");
      }
      return null;
    }
    boolean complete = true;
    List<Key<String>> files = List.of(Keys.LISTEN_TLS_CERT_FILE, Keys.LISTEN_TLS_KEY_FILE, Keys.LISTEN_TLS_CLIENT_CA_FILE);
    List<String> paths = List.of(cert, key, ca);
    for (int i = 0; i < files.size(); i++) {
      if (paths.get(i).isEmpty()) {
        complete = false;
        problems.add(files.get(i).path(), location, "missing; TLS needs cert_file, key_file and client_ca_file together");
      }
    }
    if (!complete || !values.isValid(Keys.LISTEN_TLS_CERT_FILE, Keys.LISTEN_TLS_KEY_FILE, Keys.LISTEN_TLS_CLIENT_CA_FILE)) {
      return null;
    }
    TlsMaterial material =
        material(
            cert, key, ca, problems,
            new String[] {Keys.LISTEN_TLS_CERT_FILE.path(), Keys.LISTEN_TLS_KEY_FILE.path(), Keys.LISTEN_TLS_CLIENT_CA_FILE.path()},
            new String[] {
              values.locationOf(Keys.LISTEN_TLS_CERT_FILE),
              values.locationOf(Keys.LISTEN_TLS_KEY_FILE),
              values.locationOf(Keys.LISTEN_TLS_CLIENT_CA_FILE)
            });
    return material == null ? null : new TlsConfig(cert, key, ca, accept, material);
  }

  /** The {@code [[listeners]]} entries; {@code where} receives each entry's and its profile's location. */
  static List<ListenerConfig> read(TomlTable root, Problems problems, Map<String, String> where) {
    TableFields top = new TableFields(problems, root, "", problems.locate(root.inputPositionOf(List.of(LISTENERS))));
    // the shape check already allowed the top-level name; entries are checked here
    List<ListenerConfig> listeners = new ArrayList<>();
    for (TableFields.Entry entry : top.tables(LISTENERS, "one [[listeners]] block per listener")) {
      TableFields f = entry.fields(problems);
      f.allowOnly(LISTENER_NAMES, "a [[listeners]] entry");
      String address = f.string("address", "", "host:port (IPv4, [IPv6] or hostname)", ValueSyntax::listenAddress);
      String socket = f.string("socket", "", "an absolute unix socket path", ValueSyntax::optionalSocketPath);
      String mode = f.string("socket_mode", "0600", "an octal mode string like \"0600\"", m -> m);
      int socketMode = 0600;
      try {
        socketMode = ValueSyntax.fileMode(mode);
      } catch (IllegalArgumentException e) {
        f.add("socket_mode", "expected an octal mode string from \"0000\" to \"0777\" like \"0600\", got " + Problems.quote(mode));
      }
      String group = f.string("socket_group", "", "a group name or numeric gid", ValueSyntax::groupName);
      String profile = f.string("profile", "", "a profile name", ValueSyntax::profileName);
      where.put(entry.key(), entry.location());
      where.put(entry.key() + ".profile", f.locate("profile"));
      if (address.isEmpty() == socket.isEmpty()) {
        f.add(address.isEmpty() ? "address" : "socket", "set exactly one of address and socket");
      }
      if (!address.isEmpty() && (f.has("socket_mode") || f.has("socket_group"))) {
        f.add(f.has("socket_mode") ? "socket_mode" : "socket_group", "applies to a unix socket only, not to address");
      }
      TlsConfig tls = null;
      TomlTable tlsTable = f.table("tls");
      if (tlsTable != null) {
        if (!socket.isEmpty()) {
          f.add("tls", "TLS applies to TCP listeners only; unix sockets are protected by file permissions");
        } else {
          tls = tls(new TableFields(problems, tlsTable, entry.key() + ".tls", f.locate("tls")), problems);
          if (tls == null) {
            f.fail();
          }
        }
      }
      if (!f.failed()) {
        listeners.add(new ListenerConfig(entry.key(), address, socket, socketMode, group, tls, profile));
      }
    }
    return listeners;
  }

  private static TlsConfig tls(TableFields f, Problems problems) {
    Set<String> allowed = names(TLS_NAMES, SELECTOR_NAMES);
    f.allowOnly(allowed, "a listener's tls table");
    String cert = f.requiredString("cert_file", "an absolute file path", ValueSyntax::absolutePath);
    String key = f.requiredString("key_file", "an absolute file path", ValueSyntax::absolutePath);
    String ca = f.requiredString("client_ca_file", "an absolute file path", ValueSyntax::absolutePath);
    CertificateSelectorConfig accept = selector(f, false);
    if (cert == null || key == null || ca == null || f.failed()) {
      return null;
    }
    TlsMaterial material =
        material(
            cert, key, ca, problems,
            new String[] {f.key("cert_file"), f.key("key_file"), f.key("client_ca_file")},
            new String[] {f.locate("cert_file"), f.locate("key_file"), f.locate("client_ca_file")});
    return material == null ? null : new TlsConfig(cert, key, ca, accept, material);
  }

  /** Loads the three PEM files; reports each problem with the key of the file at fault. */
  static TlsMaterial material(
      String cert, String key, String ca, Problems problems, String[] keys, String[] locations) {
    List<X509Certificate> chain = null;
    PrivateKey privateKey = null;
    List<X509Certificate> authorities = null;
    try {
      chain = PemFiles.certificates(Path.of(cert));
    } catch (IllegalArgumentException e) {
      problems.add(keys[0], locations[0], e.getMessage());
    }
    try {
      privateKey = PemFiles.privateKey(Path.of(key));
    } catch (IllegalArgumentException e) {
      problems.add(keys[1], locations[1], e.getMessage());
    }
    try {
      authorities = PemFiles.certificates(Path.of(ca));
    } catch (IllegalArgumentException e) {
      problems.add(keys[2], locations[2], e.getMessage());
    }
    if (chain == null || privateKey == null || authorities == null) {
      return null;
    }
    try {
      PemFiles.checkPair(chain.get(0), privateKey);
    } catch (IllegalArgumentException e) {
      problems.add(keys[1], locations[1], e.getMessage() + " in " + cert);
      return null;
    }
    return new TlsMaterial(chain, privateKey, authorities);
  }

  /** The selector fields of {@code f}'s table; {@code spiffe_ids} only where {@code withSpiffe}. */
  static CertificateSelectorConfig selector(TableFields f, boolean withSpiffe) {
    return new CertificateSelectorConfig(
        f.strings("common_names", "a non-empty common name", ValueSyntax::printableName),
        f.strings("dns_names", "a DNS name", ValueSyntax::dnsName),
        f.strings("ip_addresses", "an IP address literal", ValueSyntax::ipLiteral),
        f.strings("uri_sans", "a URI like spiffe://example.org/app", ValueSyntax::uri),
        f.strings("public_key_sha256_pins", PIN, ListenersReader::pin),
        withSpiffe ? f.strings("spiffe_ids", "a SPIFFE ID like spiffe://example.org/app", ValueSyntax::spiffeId) : List.of());
  }

  /** A pin as lower-case hex, whichever form it was written in. */
  static String pin(String text) {
    if (HEX_PIN.matcher(text).matches()) {
      return text.toLowerCase(Locale.ROOT);
    }
    if (BASE64_PIN.matcher(text).matches()) {
      return HexFormat.of().formatHex(Base64.getDecoder().decode(text));
    }
    throw new IllegalArgumentException();
  }

  @SafeVarargs
  private static Set<String> names(Collection<String>... groups) {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    for (Collection<String> group : groups) {
      all.addAll(group);
    }
    return Collections.unmodifiableSet(all);
  }
}
