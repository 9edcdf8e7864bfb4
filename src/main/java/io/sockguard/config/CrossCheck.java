package io.sockguard.config;

import java.util.List;
import java.util.Objects;

/** Checks that involve more than one key. Keys already reported as invalid are skipped to avoid follow-up noise. */
final class CrossCheck {

  private CrossCheck() {}

  static void check(Config config, ValueResolver values, Problems problems) {
    checkListeners(config.listen(), values, problems);
    checkEndpointPaths(config, values, problems);
    checkAdmin(config.admin(), values, problems);
    checkPolicyBundle(config.policyBundle(), values, problems);
  }

  /**
   * The admin listener serves metrics and health without the data plane's client checks, so it may only listen on
   * loopback; anything wider belongs behind the main listener's security.
   */
  private static void checkAdmin(AdminConfig admin, ValueResolver values, Problems problems) {
    if (!admin.enabled() || !values.isValid(Keys.ADMIN_ENABLED, Keys.ADMIN_LISTEN_ADDRESS)) {
      return;
    }
    String key = Keys.ADMIN_LISTEN_ADDRESS.path();
    if (admin.listenAddress().isEmpty() && admin.listenSocket().isEmpty()) {
      problems.add(
          Keys.ADMIN_ENABLED.path(),
          values.locationOf(Keys.ADMIN_ENABLED),
          "the admin listener is enabled but neither admin.listen.address nor admin.listen.socket is set; set a"
              + " loopback address like 127.0.0.1:9102 or a socket like /run/sockguard/admin.sock");
    } else if (!admin.listenAddress().isEmpty()
        && admin.tls() == null
        && !ListenAddress.parse(admin.listenAddress()).isLoopback()) {
      problems.add(
          key,
          values.locationOf(Keys.ADMIN_LISTEN_ADDRESS),
          Problems.quote(admin.listenAddress())
              + " is not a loopback address; the admin listener has no client checks, so use 127.0.0.1, ::1 or"
              + " localhost");
    }
  }

  /** Signature checking with nobody to trust would refuse every file, which is surely not what was meant. */
  private static void checkPolicyBundle(PolicyBundleConfig bundle, ValueResolver values, Problems problems) {
    if (bundle.enabled()
        && bundle.allowedSigningKeys().isEmpty()
        && values.isValid(Keys.POLICY_BUNDLE_ALLOWED_SIGNING_KEYS)) {
      problems.add(
          Keys.POLICY_BUNDLE_ALLOWED_SIGNING_KEYS.path(),
          values.locationOf(Keys.POLICY_BUNDLE_ALLOWED_SIGNING_KEYS),
          "policy_bundle.enabled is true but no signing key is allowed; add the PEM public key that signs this file");
    }
  }

  private static void checkListeners(ListenConfig listen, ValueResolver values, Problems problems) {
    if (!values.isValid(Keys.LISTEN_ADDRESS, Keys.LISTEN_SOCKET)) {
      return;
    }
    String key = Keys.LISTEN_ADDRESS.path();
    if (!listen.hasTcp() && !listen.hasUnixSocket()) {
      problems.add(
          key,
          values.locationOf(Keys.LISTEN_ADDRESS),
          "listen.address and listen.socket are both empty, so nothing would listen; set at least one");
      return;
    }
    boolean acknowledged = listen.insecureAllowPlainTcp() && listen.insecureAllowUnauthenticatedClients();
    // TLS with a required client certificate is both encrypted and authenticated
    // (when its files are set but unusable, those problems are reported instead of this one)
    boolean tls =
        listen.tls() != null || !values.locationOf(Keys.LISTEN_TLS_CERT_FILE).equals(ValueResolver.DEFAULT_LOCATION);
    if (listen.hasTcp() && !tls && !ListenAddress.parse(listen.address()).isLoopback() && !acknowledged) {
      // The Docker API is root on the host: anyone who reaches a non-loopback port may use every allowed rule, and
      // plain TCP has neither encryption nor client identity. Both risks need an explicit yes.
      problems.add(
          key,
          values.locationOf(Keys.LISTEN_ADDRESS),
          Problems.quote(listen.address())
              + " is not a loopback address, and clients there would use plain TCP without authentication;"
              + " to accept both risks set listen.insecure_allow_plain_tcp = true and"
              + " listen.insecure_allow_unauthenticated_clients = true, otherwise use 127.0.0.1, ::1 or localhost"
              + " or a unix socket");
    }
  }

  /** Two endpoints on the same path would shadow each other, so the one written later is reported. */
  private static void checkEndpointPaths(Config config, ValueResolver values, Problems problems) {
    List<Key<String>> keys = List.of(Keys.HEALTH_PATH, Keys.HEALTH_READINESS_PATH, Keys.METRICS_PATH);
    List<String> paths =
        List.of(config.health().path(), config.health().readiness().path(), config.metrics().path());
    for (int later = 1; later < keys.size(); later++) {
      for (int earlier = 0; earlier < later; earlier++) {
        if (Objects.equals(paths.get(earlier), paths.get(later))
            && values.isValid(keys.get(earlier), keys.get(later))) {
          problems.add(
              keys.get(later).path(),
              values.locationOf(keys.get(later)),
              "same path as " + keys.get(earlier).path() + " (" + Problems.quote(paths.get(later))
                  + "); each endpoint needs its own path");
          break;
        }
      }
    }
  }
}
