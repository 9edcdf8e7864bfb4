package io.sockguard.learn;

import io.sockguard.policy.Decision;
import io.sockguard.policy.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Replays the requests a recorded run let through against a candidate policy and reports what it would deny, so a
 * suggested or hand-edited policy can be checked before it is enforced. Stateless.
 */
public final class LogCheck {

  /**
   * One request shape the candidate would deny.
   *
   * @param method the method
   * @param path the canonical path
   * @param count how often it was seen
   * @param reasonCode the deny reason code's wire name
   * @param rule the denying rule's index, or -1 when no rule matched
   */
  public record Denial(String method, String path, int count, String reasonCode, int rule) {}

  /**
   * The result of a check.
   *
   * @param checked how many requests were replayed
   * @param denials what would be denied, in first-seen order
   */
  public record Report(int checked, List<Denial> denials) {
    public Report {
      denials = List.copyOf(denials);
    }

    public boolean isClean() {
      return denials.isEmpty();
    }
  }

  private LogCheck() {}

  /**
   * Replays every request that was let through (optionally only those of {@code profile}) against {@code policy}.
   */
  public static Report check(List<ObservedRequest> requests, Policy policy, Optional<String> profile) {
    Map<String, Denial> denials = new LinkedHashMap<>();
    int checked = 0;
    for (ObservedRequest request : requests) {
      if (!request.wasLetThrough() || profile.isPresent() && !profile.get().equals(request.profile())) {
        continue;
      }
      checked++;
      if (policy.decide(request.method(), request.path()) instanceof Decision.Deny deny) {
        denials.merge(
            request.method() + " " + request.path(),
            new Denial(request.method(), request.path(), 1, deny.reasonCode().wire(), deny.ruleIndex()),
            (old, added) -> new Denial(old.method(), old.path(), old.count() + 1, old.reasonCode(), old.rule()));
      }
    }
    return new Report(checked, new ArrayList<>(denials.values()));
  }
}
