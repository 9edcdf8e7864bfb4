package io.sockguard.reload;

import io.sockguard.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The parts of a configuration a running process cannot change: what it listens on, where the daemon is, how it
 * logs, its health and metrics endpoints and the admin listener. A reload that changes any of them is refused, naming them, so an
 * operator never believes a listener moved when it did not.
 */
public final class ImmutableFields {
  private record Field(String name, Function<Config, Object> value) {}

  private static final List<Field> FIELDS =
      List.of(
          new Field("listen", Config::listen),
          new Field("upstream.socket", c -> c.upstream().socket()),
          new Field("log", Config::log),
          new Field("health", Config::health),
          new Field("metrics", Config::metrics),
          new Field("policy_bundle", Config::policyBundle),
          new Field("admin", Config::admin),
          new Field("listeners", Config::listeners),
          // who is admitted and which profile a caller gets are decided per listener when it is bound; the profiles'
          // rules, modes and limits are part of the snapshot and do reload
          new Field(
              "clients (allowed_cidrs, profile selectors, default_profile)",
              c ->
                  List.of(
                      c.clients().allowedCidrs(),
                      c.clients().certificateProfiles(),
                      c.clients().unixPeerProfiles(),
                      c.clients().sourceIpProfiles(),
                      c.clients().defaultProfile())));

  private ImmutableFields() {}

  /** Names of immutable fields that differ between {@code running} and {@code candidate}, in a stable order. */
  public static List<String> changed(Config running, Config candidate) {
    List<String> changed = new ArrayList<>();
    for (Field field : FIELDS) {
      if (!Objects.equals(field.value().apply(running), field.value().apply(candidate))) {
        changed.add(field.name());
      }
    }
    return changed;
  }
}
