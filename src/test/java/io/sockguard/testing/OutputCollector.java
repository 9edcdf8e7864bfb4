package io.sockguard.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Collects a stream (typically a long-running {@code docker logs -f} or {@code docker events}
 * started with {@link DockerCli#start}) on a virtual thread, so a test can wait for expected output
 * with a deadline instead of blocking on a read that may never return.
 *
 * <p>Thread-safe. The collector closes the stream when it ends; the caller still owns (and
 * destroys) the process.
 */
public final class OutputCollector {

  private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
  private boolean ended;

  private OutputCollector() {}

  /** Starts collecting {@code stream} until it ends. */
  public static OutputCollector collect(InputStream stream) {
    OutputCollector collector = new OutputCollector();
    Thread.ofVirtual().name("output-collector").start(() -> collector.pump(stream));
    return collector;
  }

  /** Collects the standard output of {@code process}. */
  public static OutputCollector stdout(Process process) {
    return collect(process.getInputStream());
  }

  /** Everything collected so far, as UTF-8. */
  public synchronized String text() {
    return collected.toString(UTF_8);
  }

  /** True once the stream has ended (end of file or a read error). */
  public synchronized boolean hasEnded() {
    return ended;
  }

  /**
   * Waits until the collected text contains {@code expected} and returns all of it; fails the test,
   * showing what arrived, if it does not within {@code timeout} or the stream ends without it.
   */
  public String awaitText(String expected, Duration timeout) {
    boolean found =
        Poll.reached(timeout, () -> text().contains(expected) || hasEnded())
            && text().contains(expected);
    if (!found) {
      return fail(
          "expected output containing \""
              + expected
              + "\" within "
              + timeout
              + (hasEnded() ? " (stream ended)" : "")
              + ", got:\n"
              + text());
    }
    return text();
  }

  private void pump(InputStream stream) {
    byte[] buffer = new byte[8192];
    try (stream) {
      int n;
      while ((n = stream.read(buffer)) >= 0) {
        synchronized (this) {
          collected.write(buffer, 0, n);
        }
      }
    } catch (IOException e) {
      // The process was destroyed; what was collected stays available.
    } finally {
      synchronized (this) {
        ended = true;
      }
    }
  }
}
