package io.sockguard.route;

import java.util.Objects;

/**
 * A request target after {@link PathCanonicalizer#canonicalize(String)}: the one form that the
 * policy checks and that is forwarded, so the daemon's single decode yields exactly the checked
 * path.
 *
 * <p>Immutable and thread-safe.
 *
 * @param versionPrefix the client's own API version prefix as sent (for example {@code "/v1.41"}),
 *     or {@code ""} when the request is unversioned
 * @param path the canonical, percent-decoded path without the version prefix; always starts with
 *     {@code '/'}
 * @param rawQuery the query string exactly as received, without {@code '?'}, or {@code null} when
 *     the target had no {@code '?'}
 */
public record CanonicalPath(String versionPrefix, String path, String rawQuery) {

  public CanonicalPath {
    Objects.requireNonNull(versionPrefix, "versionPrefix");
    Objects.requireNonNull(path, "path");
    // forwardTarget() copies the prefix verbatim, so it must be one that needs no encoding.
    if (!versionPrefix.isEmpty()
        && !(versionPrefix.charAt(0) == '/'
            && PathCanonicalizer.isVersionSegment(versionPrefix, 1, versionPrefix.length()))) {
      throw new IllegalArgumentException("versionPrefix must be empty or /v[0-9.]+");
    }
    if (path.isEmpty() || path.charAt(0) != '/') {
      throw new IllegalArgumentException("path must start with '/'");
    }
  }

  /**
   * The origin-form target to send upstream: the version prefix, the path percent-encoded so that
   * one decode gives back {@link #path()}, and the raw query if there was one.
   */
  public String forwardTarget() {
    String encoded = PercentCodec.encodePath(path);
    return rawQuery == null ? versionPrefix + encoded : versionPrefix + encoded + '?' + rawQuery;
  }

  /**
   * The first value of query parameter {@code name}, decoded as Go's {@code url.ParseQuery} does
   * ({@code '+'} is a space, pairs with bad escapes or {@code ';'} are skipped), or {@code null}
   * when absent.
   */
  public String queryParam(String name) {
    return rawQuery == null ? null : QueryString.firstValue(rawQuery, name);
  }

  /**
   * Docker's boolean parsing ({@code httputils.BoolValue}): false when absent or when the trimmed,
   * lower-cased value is {@code ""}, {@code "0"}, {@code "no"}, {@code "false"} or {@code "none"};
   * true for anything else ({@code "1"}, {@code "true"}, {@code "True"}, {@code "yes"}, ...).
   */
  public boolean queryFlag(String name) {
    return QueryString.isDockerTrue(queryParam(name));
  }

  /** Whether the query names {@code name} at all, even with an empty value. */
  boolean hasQueryParam(String name) {
    return rawQuery != null && QueryString.contains(rawQuery, name);
  }
}
