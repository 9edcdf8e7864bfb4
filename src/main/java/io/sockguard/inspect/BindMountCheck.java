package io.sockguard.inspect;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a host path may be mounted (or passed as a device): it is made canonical without trusting
 * {@code ..}, resolved on the host through {@link HostFilesystem}, and must then lie at or below an allowed entry,
 * itself resolved the same way. Thread-safe if the filesystem is.
 */
final class BindMountCheck {

  private final HostFilesystem filesystem;

  BindMountCheck(HostFilesystem filesystem) {
    this.filesystem = filesystem;
  }

  /**
   * Refuses {@code source} unless it lies under one of {@code allowed}.
   *
   * @param at the body location, for the refusal
   * @param setting the configuration key that lists allowed paths, for the message
   */
  void check(String source, List<String> allowed, String at, String setting) {
    String clean = clean(source, at);
    Optional<String> resolved = filesystem.resolve(clean);
    if (resolved.isEmpty()) {
      throw new BodyRefusal(at, "host path " + InspectedJson.quote(source) + " cannot be resolved on the host");
    }
    for (String entry : allowed) {
      Optional<String> root = filesystem.resolve(clean(entry, setting));
      if (root.isPresent() && isAtOrBelow(resolved.get(), root.get())) {
        return;
      }
    }
    String shown =
        resolved.get().equals(clean)
            ? InspectedJson.quote(source)
            : InspectedJson.quote(source) + " (really " + InspectedJson.quote(resolved.get()) + ")";
    throw new BodyRefusal(at, "host path " + shown + " is not under " + setting);
  }

  /**
   * The path with empty and {@code .} segments dropped. A {@code ..} segment is refused rather than resolved: the
   * kernel resolves it after following symlinks, so a lexical answer could differ from the mount.
   */
  static String clean(String path, String at) {
    if (!path.startsWith("/")) {
      throw new BodyRefusal(at, "host path " + InspectedJson.quote(path) + " is not absolute");
    }
    if (path.indexOf('\0') >= 0) {
      throw new BodyRefusal(at, "host path contains NUL");
    }
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (segment.equals("..")) {
        throw new BodyRefusal(at, "host path " + InspectedJson.quote(path) + " contains \"..\"");
      }
      if (!segment.isEmpty() && !segment.equals(".")) {
        segments.add(segment);
      }
    }
    return "/" + String.join("/", segments);
  }

  static boolean isAtOrBelow(String path, String root) {
    return root.equals("/") || path.equals(root) || path.startsWith(root + "/");
  }
}
