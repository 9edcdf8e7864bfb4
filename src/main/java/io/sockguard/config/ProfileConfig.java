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
 */
public record ProfileConfig(String name, String mode, List<RuleConfig> rules, LimitsConfig limits) {

  public ProfileConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mode, "mode");
    rules = List.copyOf(rules);
    Objects.requireNonNull(limits, "limits");
  }
}
