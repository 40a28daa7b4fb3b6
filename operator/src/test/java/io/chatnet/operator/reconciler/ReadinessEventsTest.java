package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a stalled network's Warning event is written again: its causes changed, not counts. */
class ReadinessEventsTest {
  static final String BEFORE =
      "not at the ready thresholds within 3 s (spec.readiness.deadlineSeconds); still retrying:"
          + " relay is short by 3 pods (0/3 ready, threshold 3)";
  static final String DIAGNOSED =
      BEFORE + ": 3 Unschedulable (e.g. nowhere-relay-0: 0/20 nodes are available)";

  @Test
  void countsAloneDoNotMakeANewEventButANewCauseDoes() {
    assertThat(ReadinessEvents.causes(BEFORE))
        .isEqualTo(ReadinessEvents.causes(BEFORE.replace("0/3 ready", "1/3 ready")));
    assertThat(ReadinessEvents.causes(DIAGNOSED))
        .isEqualTo(ReadinessEvents.causes(DIAGNOSED.replace("relay-0", "relay-2")))
        .isNotEqualTo(ReadinessEvents.causes(BEFORE));
  }
}
