package io.sockguard.proxy;

import io.sockguard.inspect.LabelSelector;
import io.sockguard.inspect.RedactionPolicy;
import io.sockguard.inspect.RequestBodyPolicy;
import io.sockguard.policy.Mode;
import io.sockguard.policy.Policy;
import io.sockguard.throttle.Throttle;
import java.util.Objects;

/**
 * A named policy and how it is applied: what a caller's requests are judged by once {@code identify} has picked the
 * profile. Immutable and thread-safe.
 *
 * @param name the name in logs and metric labels ({@code default} for the root policy)
 * @param policy the profile's own rules
 * @param mode enforce, or forward would-be denials (warn, audit)
 * @param throttle the profile's rate, priority floor and concurrency checks (count-only unless enforcing)
 * @param judging the profile's own body rails and response settings, or null to use the root ones
 */
public record Profile(String name, Policy policy, Mode mode, Throttle throttle, Judging judging) {

  /** What a profile overrides of the root's body and answer handling; every field is complete (already merged). */
  public record Judging(
      RequestBodyPolicy requestBody, RedactionPolicy redaction, boolean verboseDenials, LabelSelector visibility) {}

  public Profile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(throttle, "throttle");
  }

  /** Judged by the root's body rails and response settings. */
  public Profile(String name, Policy policy, Mode mode, Throttle throttle) {
    this(name, policy, mode, throttle, null);
  }

  /** Without limits. */
  public Profile(String name, Policy policy, Mode mode) {
    this(name, policy, mode, Throttle.UNLIMITED);
  }
}
