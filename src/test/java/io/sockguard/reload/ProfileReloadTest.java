package io.sockguard.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sockguard.config.Config;
import io.sockguard.config.ConfigLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Profiles' rules, modes and limits reload; who gets which profile is fixed when the listeners are bound. */
class ProfileReloadTest {
  private static final String BASE =
      """
      [clients]
      default_profile = "DEFAULT"
      [[clients.profiles]]
      name = "a"
      mode = "MODE"
      [[clients.profiles.rules]]
      match = { method = "GET", path = "PATH" }
      action = "allow"
      [[clients.profiles]]
      name = "b"
      """;

  private static Config config(String defaultProfile, String mode, String path) throws Exception {
    return ConfigLoader.parse(
        BASE.replace("DEFAULT", defaultProfile).replace("MODE", mode).replace("PATH", path), "t.toml", Map.of());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "a profile's rules,       a, enforce, /info, ''",
    "a profile's mode,        a, warn,    /_ping, ''",
    "the default profile,     b, enforce, /_ping, 'clients (allowed_cidrs, profile selectors, default_profile)'",
  })
  void refusesOnlySelectionChanges(String name, String defaultProfile, String mode, String path, String refused)
      throws Exception {
    Config running = config("a", "enforce", "/_ping");
    Config candidate = config(defaultProfile, mode, path);

    assertEquals(refused.isEmpty() ? List.of() : List.of(refused), ImmutableFields.changed(running, candidate));
  }
}
