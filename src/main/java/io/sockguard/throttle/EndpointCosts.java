package io.sockguard.throttle;

import io.sockguard.policy.Action;
import io.sockguard.policy.Decision;
import io.sockguard.policy.Policy;
import io.sockguard.policy.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code limits.rate.endpoint_costs} table: how many tokens a request costs, by the first entry whose methods and
 * path pattern match; a request no entry matches costs 1. Patterns are the policy's ({@code *} one segment, {@code **}
 * any number, matched against the canonical path without version prefix), because the table is compiled into a
 * {@link Policy} of allow rules: one grammar, one matcher. Immutable and thread-safe; {@link #costOf} allocates
 * nothing.
 */
public final class EndpointCosts {
  /** The empty table: every request costs 1. */
  public static final EndpointCosts NONE = new EndpointCosts(List.of());

  /**
   * One row of the table.
   *
   * @param path a policy path pattern such as {@code /images/**}
   * @param methods upper-case methods the row applies to; empty (or {@code "*"}) for any
   * @param cost tokens a matching request takes, at least 1 (at most the bucket's burst, checked by {@link Throttle})
   */
  public record Entry(String path, List<String> methods, int cost) {
    public Entry {
      methods = List.copyOf(methods);
      if (cost < 1 || cost > TokenBucket.MAX_BURST) {
        throw new IllegalArgumentException(
            "endpoint cost must be from 1 to " + TokenBucket.MAX_BURST + ", got " + cost);
      }
    }
  }

  private final List<Entry> entries;
  private final Policy matcher;
  private final int[] costByRule;
  private final int maxCost;

  /**
   * @throws IllegalArgumentException for a bad pattern or method, with the policy's message
   */
  public EndpointCosts(List<Entry> entries) {
    this.entries = List.copyOf(entries);
    List<Rule> rules = new ArrayList<>();
    List<Integer> costs = new ArrayList<>();
    int max = 1;
    for (Entry entry : this.entries) {
      List<String> methods = entry.methods().isEmpty() ? List.of("*") : entry.methods();
      for (String method : methods) {
        rules.add(new Rule(rules.size(), method, entry.path(), Action.ALLOW, null));
        costs.add(entry.cost());
      }
      max = Math.max(max, entry.cost());
    }
    // a final catch-all means every lookup ends on a prebuilt Allow: no deny message is ever built
    rules.add(new Rule(rules.size(), "*", "/**", Action.ALLOW, null));
    costs.add(1);
    this.matcher = new Policy(rules);
    this.costByRule = costs.stream().mapToInt(Integer::intValue).toArray();
    this.maxCost = max;
  }

  public List<Entry> entries() {
    return entries;
  }

  /** The largest cost in the table (1 when empty). */
  public int maxCost() {
    return maxCost;
  }

  /**
   * @param method the request method as received
   * @param canonicalPath the canonical path without version prefix
   */
  public int costOf(String method, String canonicalPath) {
    return switch (matcher.decide(method, canonicalPath)) {
      case Decision.Allow allow -> costByRule[allow.ruleIndex()];
      // unreachable with the catch-all, unless the path is not canonical at all: charge the default
      case Decision.Deny deny -> 1;
    };
  }
}
