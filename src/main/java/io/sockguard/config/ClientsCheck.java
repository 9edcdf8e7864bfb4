package io.sockguard.config;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that involve listeners and {@code [clients]} together: every profile name used exists, every selector can
 * apply to some listener, and a socket other users may connect to is shared only when unix peer profiles decide who
 * gets what.
 */
final class ClientsCheck {

  private final Config config;
  private final ValueResolver values;
  private final Problems problems;
  private final Map<String, String> where;

  private ClientsCheck(Config config, ValueResolver values, Problems problems, Map<String, String> where) {
    this.config = config;
    this.values = values;
    this.problems = problems;
    this.where = where;
  }

  static void check(Config config, ValueResolver values, Problems problems, Map<String, String> where) {
    ClientsCheck check = new ClientsCheck(config, values, problems, where);
    Set<String> defined = check.profileNames();
    check.references(defined);
    check.selectorsCanApply();
    check.sharedSockets();
    check.extraListeners();
    check.priorities();
  }

  private String at(String key) {
    return where.getOrDefault(key, config.source());
  }

  /** The defined names plus the root profile; reports reserved and duplicate names. */
  private Set<String> profileNames() {
    Set<String> names = new LinkedHashSet<>();
    names.add(ClientsConfig.ROOT_PROFILE);
    List<ProfileConfig> profiles = config.clients().profiles();
    for (int i = 0; i < profiles.size(); i++) {
      String name = profiles.get(i).name();
      String key = "clients.profiles[" + i + "].name";
      if (name.equals(ClientsConfig.ROOT_PROFILE)) {
        problems.add(key, at(key), "\"default\" is the name of the root [[rules]] policy; choose another name");
      } else if (!names.add(name)) {
        problems.add(key, at(key), "a profile named " + Problems.quote(name) + " is already defined");
      }
    }
    return names;
  }

  private void references(Set<String> defined) {
    ClientsConfig clients = config.clients();
    reference("clients.default_profile", clients.defaultProfile(), defined);
    for (int i = 0; i < clients.certificateProfiles().size(); i++) {
      reference("clients.client_certificate_profiles[" + i + "].profile", clients.certificateProfiles().get(i).profile(), defined);
    }
    for (int i = 0; i < clients.unixPeerProfiles().size(); i++) {
      reference("clients.unix_peer_profiles[" + i + "].profile", clients.unixPeerProfiles().get(i).profile(), defined);
    }
    for (int i = 0; i < clients.sourceIpProfiles().size(); i++) {
      reference("clients.source_ip_profiles[" + i + "].profile", clients.sourceIpProfiles().get(i).profile(), defined);
    }
    for (ListenerConfig listener : config.listeners()) {
      reference(listener.name() + ".profile", listener.profile(), defined);
    }
  }

  private void reference(String key, String name, Set<String> defined) {
    if (!name.isEmpty() && !defined.contains(name)) {
      problems.add(
          key,
          at(key),
          "no profile named " + Problems.quote(name) + Problems.suggest(name, defined)
              + " (defined: " + String.join(", ", defined) + ")");
    }
  }

  /** A selector no listener could ever consult is a mistake the operator should hear about now. */
  private void selectorsCanApply() {
    ClientsConfig clients = config.clients();
    List<ListenerConfig> open = config.allListeners().stream().filter(l -> !l.isPinned()).toList();
    if (!clients.certificateProfiles().isEmpty() && open.stream().noneMatch(ListenerConfig::isTls)) {
      String key = "clients.client_certificate_profiles[0].profile";
      problems.add(
          "clients.client_certificate_profiles", at(key),
          "can never apply: no TLS listener without a pinned profile (set [listen.tls] or a [[listeners]] entry with"
              + " tls and no profile)");
    }
    if (!clients.unixPeerProfiles().isEmpty() && open.stream().noneMatch(ListenerConfig::isUnix)) {
      problems.add(
          "clients.unix_peer_profiles", at("clients.unix_peer_profiles[0].profile"),
          "can never apply: no unix socket listener without a pinned profile (set listen.socket or a [[listeners]]"
              + " entry with socket and no profile)");
    }
    if (!clients.sourceIpProfiles().isEmpty() && open.stream().noneMatch(ListenerConfig::isTcp)) {
      problems.add(
          "clients.source_ip_profiles", at("clients.source_ip_profiles[0].profile"),
          "can never apply: no TCP listener without a pinned profile");
    }
    if (!clients.allowedCidrs().isEmpty() && config.allListeners().stream().noneMatch(ListenerConfig::isTcp)) {
      problems.add(
          "clients.allowed_cidrs", at("clients.allowed_cidrs"),
          "can never apply: there is no TCP listener (unix sockets are guarded by file permissions)");
    }
  }

  /**
   * A socket other users may write to (connect to) serves several local consumers; only unix peer profiles can give
   * them different rights, so without them the mode would hand everyone the same, usually too broad, policy.
   */
  private void sharedSockets() {
    boolean peerProfiles = !config.clients().unixPeerProfiles().isEmpty();
    for (ListenerConfig listener : config.allListeners()) {
      if (!listener.isShared()) {
        continue;
      }
      String key = listener.name().equals("listen.socket") ? Keys.LISTEN_SOCKET_MODE.path() : listener.name() + ".socket_mode";
      String location =
          listener.name().equals("listen.socket") ? values.locationOf(Keys.LISTEN_SOCKET_MODE) : at(listener.name());
      String mode = String.format("%04o", listener.socketMode());
      if (listener.isPinned()) {
        problems.add(
            key, location,
            "\"" + mode + "\" lets other users connect, but this listener pins profile " + Problems.quote(listener.profile())
                + ", so every one of them would get it; a shared socket needs [[clients.unix_peer_profiles]] to decide"
                + " who gets what (or use \"0600\")");
      } else if (!peerProfiles) {
        problems.add(
            key, location,
            "\"" + mode + "\" lets other users connect; a shared socket needs [[clients.unix_peer_profiles]] to"
                + " decide who gets what (or use \"0600\")");
      }
    }
  }

  private void extraListeners() {
    ListenConfig listen = config.listen();
    boolean acknowledged = listen.insecureAllowPlainTcp() && listen.insecureAllowUnauthenticatedClients();
    Set<String> seen = new HashSet<>();
    for (ListenerConfig listener : config.allListeners()) {
      String key = listener.name().startsWith("listen.") ? listener.name() : listener.name() + (listener.isTcp() ? ".address" : ".socket");
      String location = listener.name().startsWith("listen.") ? config.source() : at(listener.name());
      String endpoint = listener.isTcp() ? listener.address() : listener.socket();
      boolean ephemeral = listener.isTcp() && endpoint.endsWith(":0");
      if (!ephemeral && !seen.add(endpoint)) {
        if (!listener.name().startsWith("listen.")) {
          problems.add(key, location, Problems.quote(endpoint) + " is already used by another listener");
        }
      }
      if (listener.name().startsWith("listen.") || !listener.isTcp() || listener.isTls()) {
        continue;
      }
      if (!ListenAddress.parse(listener.address()).isLoopback() && !acknowledged) {
        problems.add(
            key, location,
            Problems.quote(listener.address()) + " is not a loopback address, and clients there would use plain TCP"
                + " without authentication; add a tls table, or set listen.insecure_allow_plain_tcp = true and"
                + " listen.insecure_allow_unauthenticated_clients = true");
      }
    }
  }

  private void priorities() {
    if (config.clients().globalMaxInflight() > 0) {
      return;
    }
    List<ProfileConfig> profiles = config.clients().profiles();
    for (int i = 0; i < profiles.size(); i++) {
      String key = "clients.profiles[" + i + "].limits.priority";
      if (!profiles.get(i).limits().priority().equals("normal")) {
        problems.add(
            key, at(key),
            "a priority only matters under clients.global_concurrency.max_inflight, which is not set");
      }
    }
  }
}
