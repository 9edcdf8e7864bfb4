package io.sockguard.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sockguard.testing.Poll;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadTriggerTest {
  @TempDir Path dir;

  private static long reloadThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("reload-"))
        .count();
  }

  @Test
  void coalescesASignalStormAndLeavesNoThreadsBehind() throws Exception {
    AtomicInteger reloads = new AtomicInteger();
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    long threadsBefore = reloadThreads();
    try (ReloadTrigger trigger =
        new ReloadTrigger(
            null,
            Duration.ofMillis(50),
            null,
            t -> {
              maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
              reloads.incrementAndGet();
              concurrent.decrementAndGet();
            })) {
      for (int i = 0; i < 100; i++) {
        trigger.request("sighup");
      }
      Poll.until(Duration.ofSeconds(5), "at least one reload ran", () -> reloads.get() >= 1);
    }
    assertTrue(reloads.get() <= 2, "a storm is coalesced, got " + reloads.get());
    assertEquals(1, maxConcurrent.get(), "reloads never overlap");
    assertEquals(threadsBefore, reloadThreads(), "worker and watcher threads end on close");
  }

  @Test
  void debouncesAnEditorRenameSaveIntoOneReload() throws Exception {
    Path config = Files.writeString(dir.resolve("sockguard.toml"), "a = 1\n");
    List<String> triggers = new CopyOnWriteArrayList<>();
    try (ReloadTrigger trigger = new ReloadTrigger(config, Duration.ofMillis(300), null, triggers::add)) {
      Path swap = Files.writeString(dir.resolve(".sockguard.toml.swp"), "a = 2\n");
      Files.move(swap, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Files.writeString(config, "a = 3\n");
      Poll.until(Duration.ofSeconds(10), "file change seen", () -> !triggers.isEmpty());
      assertFalse(Poll.reached(Duration.ofMillis(700), () -> triggers.size() > 1), "one reload: " + triggers);
      assertEquals("file", triggers.get(0));
      Files.writeString(dir.resolve("unrelated.txt"), "x");
      assertFalse(Poll.reached(Duration.ofMillis(700), () -> triggers.size() > 1), "other files are ignored");
    }
  }

  @Test
  void statPollingSeesChangesWithoutInotify() throws Exception {
    Path config = Files.writeString(dir.resolve("polled.toml"), "a = 1\n");
    List<String> triggers = new CopyOnWriteArrayList<>();
    try (ReloadTrigger trigger =
        new ReloadTrigger(config, Duration.ofMillis(50), Duration.ofMillis(100), triggers::add)) {
      Files.setLastModifiedTime(config, java.nio.file.attribute.FileTime.fromMillis(1_000_000));
      Poll.until(Duration.ofSeconds(10), "change seen", () -> !triggers.isEmpty());
    }
  }
}
