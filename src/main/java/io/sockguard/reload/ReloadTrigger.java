package io.sockguard.reload;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns reload requests (signals, file changes, stat polling) into reload attempts on one worker thread. Requests are
 * coalesced: a storm of 100 SIGHUPs in a second costs a few reloads, never 100 overlapping ones, and only one worker
 * thread ever exists. File events are debounced so an editor's rename-save (delete + create + modify) is one reload.
 * The parent directory is watched because editors replace the file rather than writing it in place.
 */
public final class ReloadTrigger implements Closeable {
  private final Path file;
  private final Duration debounce;
  private final Duration pollInterval;
  private final Consumer<String> reload;
  private final Object lock = new Object();
  private String pending;
  private long dueNanos;
  private volatile boolean closed;
  private final Thread worker;
  private final Thread watcher;
  private final WatchService watchService;

  /**
   * @param file the config file to watch, or null to react to {@link #request} only
   * @param pollInterval stat-poll period for file systems without inotify, or null for none
   * @param reload called on the worker thread with the trigger name
   */
  public ReloadTrigger(Path file, Duration debounce, Duration pollInterval, Consumer<String> reload)
      throws IOException {
    this.file = file == null ? null : file.toAbsolutePath();
    this.debounce = debounce;
    this.pollInterval = pollInterval;
    this.reload = reload;
    this.worker = Thread.ofPlatform().daemon(true).name("reload-worker").start(this::work);
    if (this.file != null) {
      this.watchService = FileSystems.getDefault().newWatchService();
      this.file
          .getParent()
          .register(
              watchService,
              StandardWatchEventKinds.ENTRY_CREATE,
              StandardWatchEventKinds.ENTRY_MODIFY,
              StandardWatchEventKinds.ENTRY_DELETE);
      this.watcher = Thread.ofPlatform().daemon(true).name("reload-watch").start(this::watch);
    } else {
      this.watchService = null;
      this.watcher = null;
    }
  }

  /**
   * Asks for a reload (e.g. on SIGHUP) after the debounce quiet time; coalesces with any request not yet started, so
   * a burst of signals is one reload however fast the reload itself is.
   */
  public void request(String trigger) {
    schedule(trigger, debounce.toNanos());
  }

  private void schedule(String trigger, long delayNanos) {
    synchronized (lock) {
      long due = System.nanoTime() + delayNanos;
      if (pending == null || due - dueNanos > 0) {
        dueNanos = due;
      }
      pending = trigger;
      lock.notifyAll();
    }
  }

  private void work() {
    while (!closed) {
      String trigger;
      synchronized (lock) {
        try {
          while (!closed && (pending == null || System.nanoTime() - dueNanos < 0)) {
            long waitNanos = pending == null ? TimeUnit.SECONDS.toNanos(1) : dueNanos - System.nanoTime();
            TimeUnit.NANOSECONDS.timedWait(lock, Math.max(1, waitNanos));
          }
        } catch (InterruptedException e) {
          return;
        }
        trigger = pending;
        pending = null;
      }
      if (trigger != null && !closed) {
        reload.accept(trigger);
      }
    }
  }

  private void watch() {
    FileTime lastSeen = modifiedTime();
    long pollNanos = pollInterval == null ? Long.MAX_VALUE : pollInterval.toNanos();
    while (!closed) {
      WatchKey key;
      try {
        key =
            pollInterval == null
                ? watchService.take()
                : watchService.poll(pollNanos, TimeUnit.NANOSECONDS);
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      }
      if (key == null) {
        FileTime now = modifiedTime();
        if (now != null && !now.equals(lastSeen)) {
          lastSeen = now;
          schedule("poll", 0);
        }
        continue;
      }
      boolean ours = false;
      for (WatchEvent<?> event : key.pollEvents()) {
        Object context = event.context();
        ours |= context instanceof Path changed && changed.equals(file.getFileName());
        ours |= event.kind() == StandardWatchEventKinds.OVERFLOW;
      }
      key.reset();
      if (ours) {
        lastSeen = modifiedTime();
        schedule("file", debounce.toNanos());
      }
    }
  }

  private FileTime modifiedTime() {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return null;
    }
  }

  /** Stops both threads and waits for them. */
  @Override
  public void close() throws IOException {
    closed = true;
    synchronized (lock) {
      lock.notifyAll();
    }
    if (watchService != null) {
      watchService.close();
    }
    try {
      worker.join(5_000);
      if (watcher != null) {
        watcher.join(5_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
