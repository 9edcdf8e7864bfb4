package io.sockguard.config;

import java.util.List;
import java.util.Objects;

/**
 * One {@code [[clients.profiles]]} entry: a named policy with its own rules, rollout mode and limits. Immutable.
 *
 * @param name the profile's name, as used in selectors, logs and metric labels
 * @param mode {@code enforce}, {@code warn} or {@code audit}
 * @param rules the profile's own ordered rules (no match denies)
 * @param limits throttling
 * @param requestBody the profile's own {@code [request_body]}, replacing the root one wholesale (keys it leaves out take
 *     their defaults, not the root's values); null to use the root one
 * @param response the profile's {@code [response]} overrides, key by key; null to use the root one
 */
public record ProfileConfig(
    String name,
    String mode,
    List<RuleConfig> rules,
    LimitsConfig limits,
    RequestBodyConfig requestBody,
    ResponseOverride response) {

  /**
   * A profile's {@code [clients.profiles.response]}: each non-null value replaces the root's; the label selectors are
   * added to the root's (a profile can narrow what its callers see, never widen it).
   */
  public record ResponseOverride(
      Boolean redactContainerEnv,
      Boolean redactMountPaths,
      Boolean redactNetworkTopology,
      String denyVerbosity,
      List<String> visibleResourceLabels) {
    public ResponseOverride {
      visibleResourceLabels = List.copyOf(visibleResourceLabels);
    }
  }

  public ProfileConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mode, "mode");
    rules = List.copyOf(rules);
    Objects.requireNonNull(limits, "limits");
  }

  /** A profile that uses the root request body and response settings. */
  public ProfileConfig(String name, String mode, List<RuleConfig> rules, LimitsConfig limits) {
    this(name, mode, rules, limits, null, null);
  }
}
