package io.chatnet.loadgen.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.contract.Figures;
import io.chatnet.loadgen.traffic.MessageText;
import io.chatnet.loadgen.traffic.TrafficKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dropped sends (the shard's send bound reached): counted, never sent, failed or expected. */
class DeliveryTrackerDroppedTest {
  static final long START = 1_000_000_000_000L; // epoch micros, any
  static final long END = START + 10_000_000L;

  @Test
  void dropsInTheWindowReachTheFiguresAndEveryDropTheMetricBySenderKind() {
    LoadMetrics metrics = new LoadMetrics();
    DeliveryTracker tracker = new DeliveryTracker(metrics, START, END);
    tracker.sent(
        TrafficKind.PRIVATE_GROUP, "desktop", new MessageText("0-1", START + 1), List.of("b", "c"));
    tracker.dropped(TrafficKind.PRIVATE_GROUP, "desktop", START + 2);
    tracker.dropped(TrafficKind.PRIVATE_GROUP, "mobile", START + 3);
    tracker.dropped(TrafficKind.PRIVATE_GROUP, "mobile", START - 1); // warm-up
    tracker.dropped(TrafficKind.RELAY, "relay", END); // after the window

    Figures group = tracker.figures().get(TrafficKind.PRIVATE_GROUP);
    assertThat(group.dropped()).isEqualTo(2);
    assertThat(group.sent()).isEqualTo(1);
    assertThat(group.expected()).isEqualTo(2);
    assertThat(group.failed()).isZero();
    assertThat(tracker.figures().get(TrafficKind.RELAY).dropped()).isZero();
    assertThat(tracker.figures().get(TrafficKind.ONE_TO_ONE).dropped()).isZero();

    String kind = TrafficKind.PRIVATE_GROUP.label();
    assertThat(metrics.dropped.labelValues(kind, "desktop").get()).isEqualTo(1);
    assertThat(metrics.dropped.labelValues(kind, "mobile").get()).isEqualTo(2);
    assertThat(metrics.dropped.labelValues(TrafficKind.RELAY.label(), "relay").get()).isEqualTo(1);
    assertThat(metrics.sent.labelValues(kind, "mobile").get()).isZero();
    assertThat(metrics.failed.labelValues(kind, "mobile").get()).isZero();
  }
}
