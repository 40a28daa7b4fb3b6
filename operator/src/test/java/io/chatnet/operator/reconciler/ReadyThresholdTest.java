package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.GroupRole;
import io.chatnet.operator.api.NodeGroup;
import io.fabric8.kubernetes.api.model.IntOrString;
import org.junit.jupiter.api.Test;

class ReadyThresholdTest {
  static NodeGroup group(GroupRole role, int replicas, IntOrString threshold) {
    NodeGroup g = new NodeGroup();
    g.setName("g");
    g.setKind(role.kind());
    g.setRole(role);
    g.setReplicas(replicas);
    g.setReadyThreshold(threshold);
    return g;
  }

  @Test
  void bootstrapAndServiceGroupsNeedEveryPodByDefault() {
    assertThat(ReadyThreshold.pods(group(GroupRole.BOOTSTRAP, 3, null))).isEqualTo(3);
    assertThat(ReadyThreshold.pods(group(GroupRole.SERVICE, 1000, null))).isEqualTo(1000);
  }

  @Test
  void relayAndClientGroupsNeedNinetyEightPercentRoundedUp() {
    // Rounded up: the threshold never claims a share that is not ready.
    assertThat(ReadyThreshold.pods(group(GroupRole.RELAY, 900, null))).isEqualTo(882);
    assertThat(ReadyThreshold.pods(group(GroupRole.RELAY, 1000, null))).isEqualTo(980);
    assertThat(ReadyThreshold.pods(group(GroupRole.DESKTOP, 50, null))).isEqualTo(49);
    assertThat(ReadyThreshold.pods(group(GroupRole.MOBILE, 51, null))).isEqualTo(50);
    assertThat(ReadyThreshold.pods(group(GroupRole.RELAY, 10, null))).isEqualTo(10);
    assertThat(ReadyThreshold.pods(group(GroupRole.RELAY, 1, null))).isEqualTo(1);
    assertThat(ReadyThreshold.pods(group(GroupRole.RELAY, 0, null))).isZero();
  }

  @Test
  void givenPercentagesAndCounts() {
    assertThat(ReadyThreshold.pods(group(GroupRole.RELAY, 100, new IntOrString("95%"))))
        .isEqualTo(95);
    assertThat(ReadyThreshold.pods(group(GroupRole.RELAY, 7, new IntOrString("50%")))).isEqualTo(4);
    assertThat(ReadyThreshold.pods(group(GroupRole.SERVICE, 4, new IntOrString("0%")))).isZero();
    assertThat(ReadyThreshold.pods(group(GroupRole.BOOTSTRAP, 4, new IntOrString("100%"))))
        .isEqualTo(4);
    assertThat(ReadyThreshold.pods(group(GroupRole.RELAY, 40, new IntOrString(37)))).isEqualTo(37);
    // Admission refuses a count above replicas; a scale-down racing it is clamped, not stuck.
    assertThat(ReadyThreshold.pods(group(GroupRole.RELAY, 5, new IntOrString(9)))).isEqualTo(5);
  }

  @Test
  void noOverflowAtTheLargestGroups() {
    NodeGroup huge = group(GroupRole.DESKTOP, 100000, null);
    assertThat(huge.getKind()).isEqualTo(GroupKind.STATUS_BACKEND);
    assertThat(ReadyThreshold.pods(huge)).isEqualTo(98000);
    assertThat(ReadyThreshold.ofPercent(Integer.MAX_VALUE, 100)).isEqualTo(Integer.MAX_VALUE);
  }
}
