package io.chatnet.loadgen.measure;

import io.chatnet.loadgen.traffic.MessageText;
import io.chatnet.loadgen.traffic.TrafficKind;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The heap the tracker holds per tracked message (issue 14): a retention window's worth of
 * one-to-one messages (default 240,000: 2,000 msg/s for 120 s) from 250 senders, each with its
 * client message id as status-go gives it, half of them received; heap used after a full
 * collection, minus the same before. Not a test: run with {@code java -XX:+UseSerialGC -cp <loadgen
 * test classpath> io.chatnet.loadgen.measure.TrackerFootprint [messages]} (bench/loadgen.md,
 * "Tracked messages in arrays").
 */
public final class TrackerFootprint {
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 240_000;
    long start = 1_000_000_000_000L;
    List<List<String>> receivers = new ArrayList<>();
    for (int s = 0; s < 250; s++) {
      receivers.add(List.of("c" + (2 * s + 1)));
    }
    long before = usedAfterGc();
    DeliveryTracker tracker =
        new DeliveryTracker(new LoadMetrics(), start, start + 3_600_000_000L, 3_600_000_000L);
    for (int i = 0; i < n; i++) {
      MessageText message = new MessageText("0-" + i, start + i * 500L);
      List<String> to = receivers.get(i % receivers.size());
      tracker.sent(TrafficKind.ONE_TO_ONE, "desktop", message, to);
      tracker.clientMessageId("0x%064x".formatted(i * 7919L), message.id());
      if (i % 2 == 0) {
        tracker.received(to.get(0), "desktop", message, start + i * 500L + 20_000);
      }
    }
    long after = usedAfterGc();
    System.out.printf(
        "%d tracked messages (%d with a client id): %.1f MiB retained, %d bytes per message%n",
        tracker.tracked(),
        tracker.trackedClientIds(),
        (after - before) / 1048576.0,
        (after - before) / n);
    if (tracker.tracked() != n) {
      throw new IllegalStateException("expected " + n + " tracked");
    }
  }

  static long usedAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private TrackerFootprint() {}
}
