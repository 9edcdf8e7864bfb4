package io.sockguard.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one thing the inspector asks of the host: where a path really leads. Sockguard runs on the daemon's host, so a
 * bind source that exists there can be resolved through symlinks before it is checked; otherwise a link to {@code /}
 * placed under an allowed directory would pass. The check and the daemon's mount are separate moments, so a client who
 * can write under an allowed directory can still race a link in between: allow only directories such clients cannot
 * write to.
 *
 * <p>Implementations must be thread-safe.
 */
public interface HostFilesystem {

  /**
   * Resolves {@code cleanAbsolutePath} (absolute, no {@code .} or {@code ..} segments, no doubled {@code /}): the
   * longest prefix that exists is replaced by its real path and the rest, which the daemon would create, appended.
   *
   * @return the resolved path, or empty when it cannot be known (a dangling symlink on the way, no permission), which
   *     the inspector treats as not allowed
   */
  Optional<String> resolve(String cleanAbsolutePath);

  /** The host's real filesystem, through {@link Path#toRealPath}. */
  static HostFilesystem real() {
    return RealHostFilesystem.INSTANCE;
  }

  /** The filesystem of {@link #real()}; stateless. */
  final class RealHostFilesystem implements HostFilesystem {

    static final RealHostFilesystem INSTANCE = new RealHostFilesystem();

    private RealHostFilesystem() {}

    @Override
    public Optional<String> resolve(String cleanAbsolutePath) {
      Path path = Path.of(cleanAbsolutePath);
      for (Path existing = path; existing != null; existing = existing.getParent()) {
        if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
          try {
            // A dangling link fails here: its target might be created later, so it cannot be judged now.
            Path real = existing.toRealPath();
            return Optional.of(real.resolve(existing.relativize(path)).toString());
          } catch (IOException e) {
            return Optional.empty();
          }
        }
      }
      return Optional.empty(); // not even "/" exists: cannot happen on a real host
    }
  }
}
