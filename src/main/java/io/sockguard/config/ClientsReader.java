package io.sockguard.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tomlj.TomlTable;

/**
 * Reads {@code [clients]}: admission networks, the profile selectors, the global concurrency cap and the
 * {@code [[clients.profiles]]} with their own rules and limits. Entries with problems are left out, but every problem
 * is reported (and then the whole configuration is refused). Cross-checks live in {@link ClientsCheck}.
 */
final class ClientsReader {

  static final String CLIENTS = "clients";

  /** Highest {@code max_inflight}: far beyond any daemon, low enough to catch a typo. */
  static final int MAX_INFLIGHT = 100_000;

  /** Largest bucket, the throttle's own limit. */
  static final int MAX_BURST = 65_535;

  private static final Set<String> CLIENT_NAMES =
      TableFields.names(
          "allowed_cidrs", "default_profile", "global_concurrency", "client_certificate_profiles",
          "unix_peer_profiles", "source_ip_profiles", "profiles");
  private static final Set<String> CERT_PROFILE_NAMES =
      TableFields.names(
          "profile", "common_names", "dns_names", "ip_addresses", "uri_sans", "public_key_sha256_pins", "spiffe_ids");
  private static final Set<String> UNIX_PROFILE_NAMES = TableFields.names("profile", "uids", "gids", "pids");
  private static final Set<String> IP_PROFILE_NAMES = TableFields.names("profile", "cidrs");
  private static final Set<String> PROFILE_NAMES =
      TableFields.names("name", "mode", "rules", "limits", "request_body", "response");
  private static final Set<String> PROFILE_RESPONSE_NAMES =
      TableFields.names(
          "redact_container_env", "redact_mount_paths", "redact_network_topology", "deny_verbosity",
          "visible_resource_labels");
  private static final Set<String> LIMIT_NAMES = TableFields.names("rate", "concurrency", "priority");
  private static final Set<String> RATE_NAMES = TableFields.names("tokens_per_second", "burst", "endpoint_costs");
  private static final Set<String> COST_NAMES = TableFields.names("path", "methods", "cost");
  private static final String CIDR = "a network like \"10.0.0.0/8\", \"fd00::/8\" or a single address";
  private static final String PROFILE = "a profile name";

  private final Problems problems;
  private final Map<String, String> where;

  private ClientsReader(Problems problems, Map<String, String> where) {
    this.problems = problems;
    this.where = where;
  }

  /** {@code [clients]}, or {@link ClientsConfig#NONE} when absent. {@code where} receives locations by key. */
  static ClientsConfig read(TomlTable root, Problems problems, Map<String, String> where) {
    Object value = root.get(List.of(CLIENTS));
    if (value == null) {
      return ClientsConfig.NONE;
    }
    String location = problems.locate(root, CLIENTS);
    if (!(value instanceof TomlTable table)) {
      problems.invalid(CLIENTS, location, "a table [clients]", value, null);
      return ClientsConfig.NONE;
    }
    return new ClientsReader(problems, where).read(new TableFields(problems, table, CLIENTS, location));
  }

  private ClientsConfig read(TableFields f) {
    f.allowOnly(CLIENT_NAMES, "[clients]");
    List<Cidr> allowed = f.strings("allowed_cidrs", CIDR, Cidr::parse);
    where.put("clients.allowed_cidrs", f.locate("allowed_cidrs"));
    String defaultProfile = f.string("default_profile", "", PROFILE, ValueSyntax::profileName);
    where.put("clients.default_profile", f.locate("default_profile"));
    int globalMaxInflight = 0;
    TomlTable global = f.table("global_concurrency");
    if (global != null) {
      TableFields g = new TableFields(problems, global, f.key("global_concurrency"), f.locate("global_concurrency"));
      g.allowOnly(TableFields.names("max_inflight"), "[clients.global_concurrency]");
      globalMaxInflight = (int) g.integer("max_inflight", 0, 1, MAX_INFLIGHT);
      if (!g.has("max_inflight")) {
        g.add("max_inflight", "missing; expected an integer from 1 to " + MAX_INFLIGHT);
      }
    }
    where.put("clients.global_concurrency", f.locate("global_concurrency"));
    return new ClientsConfig(
        allowed,
        certificateProfiles(f),
        unixPeerProfiles(f),
        sourceIpProfiles(f),
        defaultProfile,
        globalMaxInflight,
        profiles(f));
  }

  private List<ClientsConfig.CertificateProfile> certificateProfiles(TableFields f) {
    List<ClientsConfig.CertificateProfile> selected = new ArrayList<>();
    for (TableFields.Entry entry : f.tables("client_certificate_profiles", "a table with profile and selectors")) {
      TableFields e = entry.fields(problems);
      e.allowOnly(CERT_PROFILE_NAMES, "a client certificate profile");
      String profile = profileReference(entry, e);
      CertificateSelectorConfig selector = ListenersReader.selector(e, true);
      if (selector.isEmpty() && !e.failed()) {
        e.add("profile", "a selector with no condition would match every certificate; give at least one of "
            + String.join(", ", CERT_PROFILE_NAMES.stream().skip(1).toList()) + " (or use clients.default_profile)");
      }
      if (!e.failed()) {
        selected.add(new ClientsConfig.CertificateProfile(profile, selector));
      }
    }
    return selected;
  }

  private List<ClientsConfig.UnixPeerProfile> unixPeerProfiles(TableFields f) {
    List<ClientsConfig.UnixPeerProfile> selected = new ArrayList<>();
    for (TableFields.Entry entry : f.tables("unix_peer_profiles", "a table with profile, uids, gids and pids")) {
      TableFields e = entry.fields(problems);
      e.allowOnly(UNIX_PROFILE_NAMES, "a unix peer profile");
      String profile = profileReference(entry, e);
      List<Long> uids = e.integers("uids", 0, 0xFFFF_FFFEL);
      List<Long> gids = e.integers("gids", 0, 0xFFFF_FFFEL);
      List<Long> pids = e.integers("pids", 1, Integer.MAX_VALUE);
      if (uids.isEmpty() && gids.isEmpty() && pids.isEmpty() && !e.failed()) {
        e.add("profile", "a selector with no condition would match every local caller; give uids, gids or pids"
            + " (or use clients.default_profile)");
      }
      if (!e.failed()) {
        selected.add(new ClientsConfig.UnixPeerProfile(profile, uids, gids, pids));
      }
    }
    return selected;
  }

  private List<ClientsConfig.SourceIpProfile> sourceIpProfiles(TableFields f) {
    List<ClientsConfig.SourceIpProfile> selected = new ArrayList<>();
    for (TableFields.Entry entry : f.tables("source_ip_profiles", "a table with profile and cidrs")) {
      TableFields e = entry.fields(problems);
      e.allowOnly(IP_PROFILE_NAMES, "a source IP profile");
      String profile = profileReference(entry, e);
      List<Cidr> cidrs = e.strings("cidrs", CIDR, Cidr::parse);
      if (cidrs.isEmpty() && !e.failed()) {
        e.add("cidrs", "missing or empty; expected at least one network like \"10.0.0.0/8\"");
      }
      if (!e.failed()) {
        selected.add(new ClientsConfig.SourceIpProfile(profile, cidrs));
      }
    }
    return selected;
  }

  private String profileReference(TableFields.Entry entry, TableFields e) {
    String profile = e.requiredString("profile", PROFILE, ValueSyntax::profileName);
    where.put(entry.key() + ".profile", e.has("profile") ? e.locate("profile") : entry.location());
    return profile;
  }

  private ProfileConfig.ResponseOverride responseOverride(TableFields e, TableFields.Entry entry) {
    if (!e.has("response")) {
      return null;
    }
    TomlTable table = e.table("response");
    if (table == null) {
      return null;
    }
    TableFields r = new TableFields(problems, table, entry.key() + ".response", e.locate("response"));
    r.allowOnly(PROFILE_RESPONSE_NAMES, "a profile's response settings");
    ProfileConfig.ResponseOverride override =
        new ProfileConfig.ResponseOverride(
            r.bool("redact_container_env", null),
            r.bool("redact_mount_paths", null),
            r.bool("redact_network_topology", null),
            r.string("deny_verbosity", null, "minimal or verbose", ValueSyntax.oneOf(List.of("minimal", "verbose"))),
            r.strings("visible_resource_labels", "a label selector \"key\" or \"key=value\"", ValueSyntax::labelSelector));
    if (r.failed()) {
      e.fail();
    }
    return override;
  }

  private List<ProfileConfig> profiles(TableFields f) {
    List<ProfileConfig> profiles = new ArrayList<>();
    for (TableFields.Entry entry : f.tables("profiles", "one [[clients.profiles]] block per profile")) {
      TableFields e = entry.fields(problems);
      e.allowOnly(PROFILE_NAMES, "a profile");
      String name = e.requiredString("name", PROFILE, ValueSyntax::profileName);
      where.put(entry.key() + ".name", e.has("name") ? e.locate("name") : entry.location());
      String mode =
          e.string("mode", "enforce", "enforce, warn or audit", ValueSyntax.oneOf(List.of("enforce", "warn", "audit")));
      int problemsBefore = problems.all().size();
      List<RuleConfig> rules = RuleReader.read(entry.table(), entry.key() + ".rules", problems);
      boolean rulesFailed = problems.all().size() != problemsBefore;
      LimitsConfig limits = limits(e);
      where.put(entry.key() + ".limits.priority", locateNested(entry.table(), "limits", "priority", e));
      RequestBodyConfig requestBody =
          e.has("request_body") ? RequestBodyReader.read(entry.table(), problems) : null;
      ProfileConfig.ResponseOverride response = responseOverride(e, entry);
      if (!e.failed() && !rulesFailed && name != null && problems.all().size() == problemsBefore) {
        profiles.add(new ProfileConfig(name, mode, rules, limits, requestBody, response));
      }
    }
    return profiles;
  }

  private LimitsConfig limits(TableFields profile) {
    TomlTable table = profile.table("limits");
    if (table == null) {
      return LimitsConfig.NONE;
    }
    TableFields f = new TableFields(problems, table, profile.key("limits"), profile.locate("limits"));
    f.allowOnly(LIMIT_NAMES, "limits");
    String priority = f.string("priority", "normal", "low, normal or high", ValueSyntax.oneOf(List.of("low", "normal", "high")));
    int maxInflight = 0;
    TomlTable concurrency = f.table("concurrency");
    if (concurrency != null) {
      TableFields c = new TableFields(problems, concurrency, f.key("concurrency"), f.locate("concurrency"));
      c.allowOnly(TableFields.names("max_inflight"), "limits.concurrency");
      maxInflight = (int) c.integer("max_inflight", 0, 1, MAX_INFLIGHT);
      if (!c.has("max_inflight")) {
        c.add("max_inflight", "missing; expected an integer from 1 to " + MAX_INFLIGHT);
      }
      if (c.failed()) {
        profile.fail();
      }
    }
    LimitsConfig.Rate rate = null;
    TomlTable rateTable = f.table("rate");
    if (rateTable != null) {
      rate = rate(new TableFields(problems, rateTable, f.key("rate"), f.locate("rate")));
      if (rate == null) {
        profile.fail();
      }
    }
    if (f.failed()) {
      profile.fail();
    }
    return new LimitsConfig(rate, maxInflight, priority);
  }

  private LimitsConfig.Rate rate(TableFields f) {
    f.allowOnly(RATE_NAMES, "limits.rate");
    if (!f.has("tokens_per_second")) {
      f.add("tokens_per_second", "missing; expected a number from 0.001 to " + MAX_BURST);
    }
    double perSecond = f.number("tokens_per_second", 1, 0.001, MAX_BURST);
    int defaultBurst = (int) Math.max(1, Math.ceil(perSecond));
    int burst = (int) f.integer("burst", defaultBurst, 1, MAX_BURST);
    if (burst < perSecond) {
      f.add("burst", "must be at least tokens_per_second (" + perSecond + "), or no second's worth of tokens fits");
    }
    List<LimitsConfig.EndpointCost> costs = new ArrayList<>();
    for (TableFields.Entry entry : f.tables("endpoint_costs", "a table like { path = \"/images/create\", cost = 5 }")) {
      TableFields c = entry.fields(problems);
      c.allowOnly(COST_NAMES, "an endpoint cost");
      String path = c.requiredString("path", "a rule path like \"/images/**\"", ValueSyntax::rulePath);
      List<String> methods = c.strings("methods", "\"*\" or an upper-case HTTP method", ValueSyntax::ruleMethod);
      if (!c.has("cost")) {
        c.add("cost", "missing; expected an integer from 1 to the burst (" + burst + ")");
      }
      int cost = (int) c.integer("cost", 1, 1, MAX_BURST);
      if (cost > burst) {
        c.add("cost", "exceeds the burst (" + burst + "); such a request could never be admitted");
      }
      if (!c.failed()) {
        costs.add(new LimitsConfig.EndpointCost(path, methods.contains("*") ? List.of() : methods, cost));
      } else {
        f.fail();
      }
    }
    return f.failed() ? null : new LimitsConfig.Rate(perSecond, burst, costs);
  }

  private String locateNested(TomlTable table, String child, String name, TableFields fallback) {
    if (table.get(List.of(child)) instanceof TomlTable nested && nested.inputPositionOf(List.of(name)) != null) {
      return problems.locate(nested, name);
    }
    return fallback.location();
  }
}
