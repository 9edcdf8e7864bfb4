package io.sockguard.config;

import java.util.List;
import java.util.Objects;

/**
 * A profile's {@code limits}: all off by default. Immutable.
 *
 * @param rate the token bucket, or null for no rate limit
 * @param maxInflight {@code limits.concurrency.max_inflight}, or 0 for no cap
 * @param priority {@code low}, {@code normal} or {@code high}: how much of {@code clients.global_concurrency} the
 *     profile may fill (50%, 80%, 100%)
 */
public record LimitsConfig(Rate rate, int maxInflight, String priority) {

  /** No limits at all. */
  public static final LimitsConfig NONE = new LimitsConfig(null, 0, "normal");

  public LimitsConfig {
    if (maxInflight < 0) {
      throw new IllegalArgumentException("maxInflight must not be negative");
    }
    Objects.requireNonNull(priority, "priority");
  }

  /**
   * {@code limits.rate}.
   *
   * @param tokensPerSecond refill rate
   * @param burst bucket size, at least {@code tokensPerSecond}
   * @param endpointCosts cost table, first match wins; unmatched requests cost 1
   */
  public record Rate(double tokensPerSecond, int burst, List<EndpointCost> endpointCosts) {
    public Rate {
      endpointCosts = List.copyOf(endpointCosts);
    }
  }

  /**
   * One {@code endpoint_costs} entry.
   *
   * @param path a rule path pattern
   * @param methods upper-case methods, empty for any
   * @param cost tokens taken, 1 to the burst
   */
  public record EndpointCost(String path, List<String> methods, int cost) {
    public EndpointCost {
      Objects.requireNonNull(path, "path");
      methods = List.copyOf(methods);
    }
  }
}
