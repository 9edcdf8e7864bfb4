package io.sockguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

/** The reference file in etc/ is documentation that must stay true: it states the built-in configuration. */
class ShippedConfigTest {

  private static final Path REFERENCE = Path.of("etc/sockguard.toml");

  @Test
  void referenceFileLoadsToTheEmbeddedDefault() throws ConfigException, IOException {
    Config shipped = ConfigLoader.load(REFERENCE, Map.of());
    Config embedded = ConfigLoader.load(null, Map.of());

    assertEquals(withoutLocations(embedded), withoutLocations(shipped));
  }

  @Test
  void referenceFileSpellsOutEveryKey() throws IOException {
    TomlParseResult reference = Toml.parse(REFERENCE);
    Set<String> written = new TreeSet<>();
    for (List<String> path : reference.keyPathSet(false)) {
      if (!path.get(0).equals(Keys.RULES) && !(reference.get(path) instanceof TomlTable)) {
        written.add(String.join(".", path));
      }
    }
    Set<String> known = new TreeSet<>();
    Keys.ALL.forEach(key -> known.add(key.path()));
    known.addAll(RequestBodyReader.KEYS);

    assertEquals(known, written);
  }

  /** Sources and rule positions differ between the two files by nature; everything else must match. */
  private static Config withoutLocations(Config config) {
    List<RuleConfig> rules =
        config.rules().stream()
            .map(r -> new RuleConfig(r.index(), r.method(), r.path(), r.action(), r.reason(), ""))
            .toList();
    return new Config(
        config.listen(),
        config.upstream(),
        config.log(),
        rules,
        config.metrics(),
        config.health(),
        config.admin(),
        "",
        config.requestBody(),
        config.response(),
        config.reload(),
        config.policyBundle());
  }
}
