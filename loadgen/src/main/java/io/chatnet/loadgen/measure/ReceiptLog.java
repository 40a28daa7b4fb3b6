package io.chatnet.loadgen.measure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * First receipts kept for a per-message export ({@code --receipts}, bench/loadgen's overhead
 * columns), in primitive arrays: 28 bytes a receipt and no object, so that keeping them (120,000 a
 * minute at 2,000 msg/s) does not add to what the collector traces while the run is being timed.
 * Message ids are tracked ones, so they pack into two longs ({@link TrackedMessages#packable}).
 */
final class ReceiptLog {
  private static final int CHUNK = 1 << 14;
  private final List<long[]> words = new ArrayList<>(); // per receipt: id hi, id lo, micros
  private final List<int[]> receivers = new ArrayList<>();
  private final Map<String, Integer> receiverIndex = new HashMap<>();
  private final List<String> receiverNames = new ArrayList<>();
  private int size;

  synchronized void add(String messageId, String receiver, long receivedMicros) {
    int at = size % CHUNK;
    if (at == 0) {
      words.add(new long[3 * CHUNK]);
      receivers.add(new int[CHUNK]);
    }
    long[] w = words.get(words.size() - 1);
    w[3 * at] = TrackedMessages.hi(messageId);
    w[3 * at + 1] = TrackedMessages.lo(messageId);
    w[3 * at + 2] = receivedMicros;
    receivers.get(receivers.size() - 1)[at] =
        receiverIndex.computeIfAbsent(
            receiver,
            r -> {
              receiverNames.add(r);
              return receiverNames.size() - 1;
            });
    size++;
  }

  /** The receipts, in the order they were added. */
  synchronized List<DeliveryTracker.Receipt> receipts() {
    List<DeliveryTracker.Receipt> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      long[] w = words.get(i / CHUNK);
      int at = i % CHUNK;
      out.add(
          new DeliveryTracker.Receipt(
              TrackedMessages.unpack(w[3 * at], w[3 * at + 1]),
              receiverNames.get(receivers.get(i / CHUNK)[at]),
              w[3 * at + 2]));
    }
    return out;
  }
}
