package io.chatnet.loadgen.measure;

import java.util.Arrays;

/** A growable array of longs, synchronised; latencies are kept whole for exact percentiles. */
final class LongList {
  private long[] values = new long[1024];
  private int size;

  synchronized void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  synchronized long[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
