package io.sockguard.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealHostFilesystemTest {

  @Test
  void resolvesASymlinkToRootUnderAnAllowedDirectory(@TempDir Path dir) throws IOException {
    Path real = dir.toRealPath();
    Files.createSymbolicLink(real.resolve("root"), Path.of("/"));
    assertEquals(Optional.of("/etc"), HostFilesystem.real().resolve(real + "/root/etc"));
  }

  @Test
  void appendsTheMissingRestToTheDeepestExistingDirectory(@TempDir Path dir) throws IOException {
    Path real = dir.toRealPath();
    Files.createDirectory(real.resolve("a"));
    assertEquals(Optional.of(real + "/a/new/deeper"), HostFilesystem.real().resolve(real + "/a/new/deeper"));
  }

  @Test
  void cannotJudgeAPathThroughADanglingLink(@TempDir Path dir) throws IOException {
    Path real = dir.toRealPath();
    Files.createSymbolicLink(real.resolve("dangling"), real.resolve("not-yet"));
    assertEquals(Optional.empty(), HostFilesystem.real().resolve(real + "/dangling/x"));
  }
}
