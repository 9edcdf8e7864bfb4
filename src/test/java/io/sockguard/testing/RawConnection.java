package io.sockguard.testing;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One client connection that writes raw bytes and reads whatever comes back, over TCP or a unix
 * socket. Lets a test send a request in pieces, read a {@code 100 Continue} before the body, or
 * check that the server closed the connection.
 *
 * <p>A virtual thread reads from the socket into a buffer from the moment the connection opens; the
 * {@code read...} methods wait on that buffer with a deadline and consume what they return. Writes
 * and reads may happen on different threads; the {@code read...} methods are meant for one thread
 * at a time. The caller closes the connection.
 */
public final class RawConnection implements AutoCloseable {

  private final SocketChannel channel;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private int consumed;
  private boolean closedByPeer;
  private IOException readFailure;

  private RawConnection(SocketChannel channel) {
    this.channel = channel;
  }

  /** Connects to a TCP or unix socket address (blocking until connected). */
  public static RawConnection open(SocketAddress address) throws IOException {
    SocketChannel channel = SocketChannel.open(address);
    RawConnection connection = new RawConnection(channel);
    Thread.ofVirtual().name("raw-connection-reader").start(connection::pump);
    return connection;
  }

  /** Connects to {@code host:port} over TCP. */
  public static RawConnection tcp(String host, int port) throws IOException {
    return open(new InetSocketAddress(host, port));
  }

  /** Connects to the unix socket at {@code socket}. */
  public static RawConnection unix(Path socket) throws IOException {
    return open(UnixDomainSocketAddress.of(socket));
  }

  /** Writes all of {@code bytes}, blocking until the kernel has taken them. */
  public void write(byte[] bytes) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  /** Writes {@code text} as ISO-8859-1 bytes (HTTP heads are octets, not UTF-8). */
  public void write(String text) throws IOException {
    write(text.getBytes(ISO_8859_1));
  }

  /** Half-closes: the peer reads end of stream while this side can still read. */
  public void shutdownOutput() throws IOException {
    channel.shutdownOutput();
  }

  /**
   * Returns the unread bytes up to and including the first occurrence of {@code marker}; fails the
   * test, showing what did arrive, if the marker has not arrived within {@code timeout}.
   */
  public byte[] readUntil(String marker, Duration timeout) {
    byte[] needle = marker.getBytes(ISO_8859_1);
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (true) {
        byte[] all = received.toByteArray();
        int at = indexOf(all, needle, consumed);
        if (at >= 0) {
          int end = at + needle.length;
          byte[] result = Arrays.copyOfRange(all, consumed, end);
          consumed = end;
          return result;
        }
        if (closedByPeer || !awaitChange(deadline)) {
          String got = new String(all, consumed, all.length - consumed, ISO_8859_1);
          return fail(
              "expected "
                  + quote(marker)
                  + (closedByPeer ? " before the peer closed" : " within " + timeout)
                  + ", received "
                  + quote(got));
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Reads a response or request head: everything up to and including the blank line. */
  public String readHead(Duration timeout) {
    return new String(readUntil("\r\n\r\n", timeout), ISO_8859_1);
  }

  /**
   * Returns the unread bytes received until the peer closes its side or {@code timeout} passes,
   * whichever comes first; {@link #isClosedByPeer()} tells which.
   */
  public byte[] readUntilClosed(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (!closedByPeer && awaitChange(deadline)) {
        // keep collecting until end of stream or the deadline
      }
      byte[] all = received.toByteArray();
      byte[] result = Arrays.copyOfRange(all, consumed, all.length);
      consumed = all.length;
      return result;
    } finally {
      lock.unlock();
    }
  }

  /** True once the peer has closed (or reset) its side of the connection. */
  public boolean isClosedByPeer() {
    lock.lock();
    try {
      return closedByPeer;
    } finally {
      lock.unlock();
    }
  }

  /** The exception that ended reading, if reading ended with one (a reset rather than a close). */
  public IOException readFailure() {
    lock.lock();
    try {
      return readFailure;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private void pump() {
    ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
    try {
      while (channel.read(buffer) >= 0) {
        append(buffer);
      }
      markClosed(null);
    } catch (IOException e) {
      markClosed(e);
    }
  }

  private void append(ByteBuffer buffer) {
    lock.lock();
    try {
      received.write(buffer.array(), 0, buffer.position());
      buffer.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void markClosed(IOException failure) {
    lock.lock();
    try {
      closedByPeer = true;
      readFailure = failure;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits for more bytes or a close; false if the deadline passed first. Caller holds the lock. */
  private boolean awaitChange(long deadlineNanos) {
    long remaining = deadlineNanos - System.nanoTime();
    if (remaining <= 0) {
      return false;
    }
    try {
      changed.await(remaining, TimeUnit.NANOSECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String quote(String text) {
    return '"' + text.replace("\r", "\\r").replace("\n", "\\n") + '"';
  }
}
