package io.sockguard.proxy;

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
 */
public record Profile(String name, Policy policy, Mode mode, Throttle throttle) {
  public Profile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(throttle, "throttle");
  }

  /** Without limits. */
  public Profile(String name, Policy policy, Mode mode) {
    this(name, policy, mode, Throttle.UNLIMITED);
  }
}
