package io.sockguard.proxy;

import io.sockguard.policy.Mode;
import io.sockguard.policy.Policy;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every profile of one configuration, by name: an immutable snapshot, swapped whole on reload so that a request sees
 * one consistent set. Thread-safe.
 */
public final class Profiles {
  /** The name of the profile made of the root {@code [[rules]]}. */
  public static final String ROOT = "default";

  private final Map<String, Profile> byName;

  /**
   * @throws IllegalArgumentException if two profiles share a name
   */
  public Profiles(List<Profile> profiles) {
    this.byName = profiles.stream().collect(Collectors.toUnmodifiableMap(Profile::name, Function.identity()));
  }

  /** Just the root policy, enforced: the behaviour without {@code [clients]}. */
  public static Profiles rootOnly(Policy root) {
    return new Profiles(List.of(new Profile(ROOT, root, Mode.ENFORCE)));
  }

  /** The profile called {@code name}, or null (a reload removed it; the caller fails closed). */
  public Profile get(String name) {
    return byName.get(name);
  }
}
