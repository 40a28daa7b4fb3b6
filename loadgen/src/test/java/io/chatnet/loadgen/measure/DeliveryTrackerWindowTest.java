package io.chatnet.loadgen.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.contract.Figures;
import io.chatnet.loadgen.traffic.MessageText;
import io.chatnet.loadgen.traffic.TrafficKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tracker's memory does not grow with the number of messages: what it keeps per message lives
 * for the retention window only, and latencies go to a fixed-size histogram.
 */
class DeliveryTrackerWindowTest {
  static final long START = 1_000_000_000_000L; // epoch micros, any
  static final long RETAIN = 2_000_000L; // 2 s
  static final long EVERY = 500L; // a send every 0.5 ms: 2,000 msg/s

  /**
   * Sends {@code n} messages, each received once 40 ms later and every 10th twice; a tenth lost.
   */
  static DeliveryTracker run(int n, int[] peak) {
    DeliveryTracker tracker =
        new DeliveryTracker(new LoadMetrics(), START, START + n * EVERY + 1, RETAIN);
    List<String> receivers = List.of("b");
    for (int i = 0; i < n; i++) {
      long sent = START + i * EVERY;
      MessageText message = new MessageText("0-" + i, sent);
      tracker.sent(TrafficKind.ONE_TO_ONE, "desktop", message, receivers);
      tracker.clientMessageId("c" + i, message.id());
      if (i % 10 != 3) {
        String text = message.encode(0);
        tracker.received("b", "desktop", text, sent + 40_000);
        if (i % 10 == 0) {
          tracker.received("b", "desktop", text, sent + 41_000);
        }
      }
      peak[0] = Math.max(peak[0], tracker.tracked());
      peak[1] = Math.max(peak[1], tracker.trackedClientIds());
    }
    return tracker;
  }

  @Test
  void trackedMessagesStayWithinTheWindowAtTenTimesTheMessages() {
    int[] small = new int[2];
    int[] large = new int[2];
    DeliveryTracker a = run(20_000, small);
    DeliveryTracker b = run(200_000, large);
    long bound = RETAIN / EVERY + 1; // the sends of one retention window
    assertThat(small[0]).isLessThanOrEqualTo((int) bound + 1);
    assertThat(large[0]).isEqualTo(small[0]); // 10x the messages, the same peak
    assertThat(large[1]).isEqualTo(small[1]);

    // The figures are still exact: settled messages count as they would at the end.
    Figures f = b.figures().get(TrafficKind.ONE_TO_ONE);
    assertThat(f.sent()).isEqualTo(200_000);
    assertThat(f.received()).isEqualTo(180_000);
    assertThat(f.duplicates()).isEqualTo(20_000);
    assertThat(f.lost()).isEqualTo(20_000);
    assertThat(f.latencyMillis().p99()).isBetween(39.6, 40.4);
    assertThat(b.expired()).isZero();
  }

  @Test
  void aReceiptAfterTheWindowIsExpiredNotReceivedNorForeign() {
    DeliveryTracker tracker =
        new DeliveryTracker(new LoadMetrics(), START, START + 10 * RETAIN, RETAIN);
    MessageText old = new MessageText("0-1", START);
    tracker.sent(TrafficKind.ONE_TO_ONE, "desktop", old, List.of("b"));
    // Sends go on past the window: the first message is forgotten.
    tracker.sent(
        TrafficKind.ONE_TO_ONE,
        "desktop",
        new MessageText("0-2", START + RETAIN + 1_000),
        List.of("b"));
    tracker.received("b", "desktop", old.encode(0), START + RETAIN + 2_000);
    assertThat(tracker.expired()).isEqualTo(1);
    assertThat(tracker.foreign()).isZero();
    Figures f = tracker.figures().get(TrafficKind.ONE_TO_ONE);
    assertThat(f.received()).isZero();
    assertThat(f.lost()).isEqualTo(2);
  }
}
