package io.sockguard.inspect;

import io.sockguard.config.ConfigException;
import io.sockguard.config.ConfigLoader;
import io.sockguard.route.CanonicalPath;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Test helpers: JSON written with single quotes, policies written as TOML. */
final class Bodies {

  private Bodies() {}

  /** {@code 'x'} becomes {@code "x"}, so tables of bodies stay readable. */
  static byte[] json(String singleQuoted) {
    return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  static CanonicalPath path(String target) {
    int q = target.indexOf('?');
    return q < 0
        ? new CanonicalPath("", target, null)
        : new CanonicalPath("", target.substring(0, q), target.substring(q + 1));
  }

  /** A policy from {@code [request_body]} TOML; the empty string gives the defaults. */
  static RequestBodyPolicy policy(String toml) {
    try {
      return RequestBodyPolicy.compile(ConfigLoader.parse(toml, "test.toml", Map.of()).requestBody());
    } catch (ConfigException e) {
      throw new AssertionError(e.problems().toString(), e);
    }
  }
}
