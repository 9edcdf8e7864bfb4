package io.sockguard.inspect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A host filesystem of directories and symlinks held in memory, resolved like {@link HostFilesystem#real()}. */
final class FakeHostFilesystem implements HostFilesystem {

  private final Set<String> directories = new HashSet<>(Set.of("/"));
  private final Map<String, String> links = new HashMap<>();

  /** Adds {@code path} and its parents as directories. */
  FakeHostFilesystem directory(String path) {
    for (String p = path; !p.isEmpty(); p = p.substring(0, p.lastIndexOf('/'))) {
      directories.add(p);
    }
    return this;
  }

  /** Adds a symlink at {@code path} (its parent must be a directory) pointing at the absolute {@code target}. */
  FakeHostFilesystem link(String path, String target) {
    links.put(path, target);
    return this;
  }

  @Override
  public Optional<String> resolve(String cleanAbsolutePath) {
    return resolve(cleanAbsolutePath, 0);
  }

  private Optional<String> resolve(String path, int depth) {
    if (depth > 40) {
      return Optional.empty(); // ELOOP
    }
    List<String> segments = new ArrayList<>(List.of(path.substring(1).split("/")));
    segments.removeIf(String::isEmpty);
    String current = "";
    for (int i = 0; i < segments.size(); i++) {
      String candidate = current + "/" + segments.get(i);
      if (links.containsKey(candidate)) {
        Optional<String> target = resolve(links.get(candidate), depth + 1);
        if (target.isEmpty() || !exists(target.get())) {
          return Optional.empty(); // dangling
        }
        current = target.get().equals("/") ? "" : target.get();
      } else if (directories.contains(candidate)) {
        current = candidate;
      } else {
        return Optional.of(current + "/" + String.join("/", segments.subList(i, segments.size())));
      }
    }
    return Optional.of(current.isEmpty() ? "/" : current);
  }

  private boolean exists(String resolved) {
    return directories.contains(resolved);
  }
}
