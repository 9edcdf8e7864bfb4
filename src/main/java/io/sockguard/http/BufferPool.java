package io.sockguard.http;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Direct buffers of one size, lent to {@link ChannelInput} and {@link ChannelOutput} only while they hold bytes or
 * block in a read. An idle event stream then pins one buffer (its blocked upstream read) instead of four, which is
 * what keeps thousands of streams small. Lock-free and allocation-free once warm; keeps at most {@code slots} spare
 * buffers and lets the rest go to the garbage collector. Thread-safe.
 */
public final class BufferPool {
  private final int bufferBytes;
  private final AtomicReferenceArray<ByteBuffer> spare;

  public BufferPool(int bufferBytes, int slots) {
    this.bufferBytes = bufferBytes;
    this.spare = new AtomicReferenceArray<>(slots);
  }

  ByteBuffer take() {
    int n = spare.length();
    int start = ThreadLocalRandom.current().nextInt(n);
    for (int i = 0; i < n; i++) {
      int slot = (start + i) % n;
      ByteBuffer buffer = spare.get(slot);
      if (buffer != null && spare.compareAndSet(slot, buffer, null)) {
        return buffer.clear();
      }
    }
    return ByteBuffer.allocateDirect(bufferBytes);
  }

  void give(ByteBuffer buffer) {
    int n = spare.length();
    int start = ThreadLocalRandom.current().nextInt(n);
    for (int i = 0; i < n; i++) {
      int slot = (start + i) % n;
      if (spare.get(slot) == null && spare.compareAndSet(slot, null, buffer)) {
        return;
      }
    }
  }
}
