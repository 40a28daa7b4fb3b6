package io.chatnet.operator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatSweep;
import io.chatnet.operator.api.GroupRole;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The RLN limit as a sweep axis, without a cluster: it sets spec.rln.userMessageLimit of each
 * point's network, each value is a new network (a shape, not a count: memberships are registered at
 * one limit), and a sweep the operator could not run is refused naming the field.
 */
class RlnLimitAxisTest {
  private static final String RLN =
      """
        rln:
          enabled: true
          userMessageLimit: 20
          epochSeconds: 60
          chain: {mode: in-network}
          contract: waku-rlnv2-contract-e75ac913
          validatorGroups: [relay]
      """;

  /** A small RLN network: mobile clients behind two lightpush service nodes. */
  private static ChatSweep sweep(String rln, String axes) {
    return Serialization.unmarshal(
        """
        apiVersion: chatnet.io/v1alpha1
        kind: ChatSweep
        metadata: {name: lim}
        spec:
          network:
            seed: lim
        %s
            groups:
            - {name: boot, kind: nwaku, role: bootstrap, replicas: 1}
            - {name: relay, kind: nwaku, role: relay, replicas: 4}
            - name: service
              kind: nwaku
              role: service
              replicas: 2
              services: {lightpush: true, filter: true, store: true, peerExchange: true}
            - {name: desktop, kind: status-backend, role: desktop, replicas: 0}
            - {name: mobile, kind: status-backend, role: mobile, replicas: 8}
          experiment:
            durationSeconds: 60
            traffic:
              oneToOne: {pairs: 4, messagesPerMinute: 6, payloadBytes: 256}
          axes:
        %s
        """
            .formatted(rln.indent(2), axes.indent(2)),
        ChatSweep.class);
  }

  @Test
  void eachLimitIsItsOwnNetworkWithThatLimit() {
    SweepPlan plan =
        SweepPlanner.plan(
            "lim", sweep(RLN, "- {name: rlnUserMessageLimit, values: [20, 100, 600]}").getSpec());
    assertThat(plan.problems()).isEmpty();
    assertThat(plan.points())
        .extracting(PlannedPoint::values)
        .containsExactly(
            Map.of("rlnUserMessageLimit", "20"),
            Map.of("rlnUserMessageLimit", "100"),
            Map.of("rlnUserMessageLimit", "600"));
    assertThat(plan.points())
        .extracting(p -> p.networkSpec().getRln().getUserMessageLimit())
        .containsExactly(20, 100, 600);
    // a shape change each time: a new network per point, never one rescaled across limits
    assertThat(plan.points())
        .extracting(PlannedPoint::network)
        .containsExactly("lim-n1", "lim-n2", "lim-n3");
    assertThat(plan.points()).extracting(PlannedPoint::shape).containsExactly(1, 2, 3);
    // the same offered load at every point, and only mobile clients (RLN refuses desktop ones)
    for (PlannedPoint p : plan.points()) {
      assertThat(SweepPlannerTest.replicas(p, GroupRole.MOBILE)).isEqualTo(8);
      assertThat(SweepPlannerTest.replicas(p, GroupRole.DESKTOP)).isZero();
      assertThat(p.experimentSpec().getTraffic().getOneToOne().getMessagesPerMinute())
          .isEqualTo(6.0);
    }
    // the base spec is a template: the points' copies changed, not it
    assertThat(
            sweep(RLN, "- {name: rlnUserMessageLimit, values: [600]}")
                .getSpec()
                .getNetwork()
                .getRln()
                .getUserMessageLimit())
        .isEqualTo(20);
  }

  @Test
  void theLimitIsAShapeWhileUsersAreCounts() {
    SweepPlan plan =
        SweepPlanner.plan(
            "lim",
            sweep(
                    RLN,
                    """
                    - {name: rlnUserMessageLimit, values: [20, 600]}
                    - {name: users, values: [4, 8]}
                    """)
                .getSpec());
    assertThat(plan.problems()).isEmpty();
    // users vary fastest and share a network; the limit, slowest, starts the next one
    assertThat(plan.points())
        .extracting(PlannedPoint::network)
        .containsExactly("lim-n1", "lim-n1", "lim-n2", "lim-n2");
    assertThat(SweepPlanner.shapeOf(plan.points().get(0).networkSpec()))
        .isEqualTo(SweepPlanner.shapeOf(plan.points().get(1).networkSpec()))
        .isNotEqualTo(SweepPlanner.shapeOf(plan.points().get(2).networkSpec()));
  }

  @Test
  void aLimitAxisOnANetworkWithoutRlnIsRefusedNamingTheField() {
    SweepPlan off =
        SweepPlanner.plan(
            "lim", sweep("", "- {name: rlnUserMessageLimit, values: [20, 100]}").getSpec());
    assertThat(off.points()).isEmpty();
    assertThat(off.problems())
        .containsExactly(
            "spec.axes[0] (rlnUserMessageLimit): the base network has no RLN to limit: set"
                + " spec.network.rln.enabled: true");
    SweepPlan disabled =
        SweepPlanner.plan(
            "lim",
            sweep(
                    RLN.replace("enabled: true", "enabled: false"),
                    "- {name: rlnUserMessageLimit, values: [20]}")
                .getSpec());
    assertThat(disabled.problems()).hasSize(1);
  }

  @Test
  void aPointTheOperatorWouldRefuseForRlnIsAProblemOfThePlan() {
    // 300 relay + 2 service publishers: x 500 per epoch is within e75ac913's total of 160,000,
    // x 600 is over it (register would revert), so point 2 is refused before anything is created
    ChatSweep s =
        sweep(
            RLN.replace("validatorGroups: [relay]", "validatorGroups: []"),
            "- {name: rlnUserMessageLimit, values: [500, 600]}");
    s.getSpec().getNetwork().getGroups().get(1).setReplicas(300);
    SweepPlan plan = SweepPlanner.plan("lim", s.getSpec());
    assertThat(plan.points()).isEmpty();
    assertThat(plan.problems())
        .singleElement()
        .asString()
        .startsWith("point 2: spec.network.rln.userMessageLimit: 302 memberships x 600")
        .contains("CannotExceedMaxTotalRateLimit");
  }

  @Test
  void theScenarioSweepPlansThreeNetworksAtOneRate() throws Exception {
    ChatSweep scenario =
        Serialization.unmarshal(
            Files.readString(Scenarios.dir().resolve("rln-sweep-limit.yaml")), ChatSweep.class);
    SweepPlan plan = SweepPlanner.plan(scenario.getMetadata().getName(), scenario.getSpec());
    assertThat(plan.problems()).isEmpty();
    assertThat(plan.points())
        .extracting(p -> p.networkSpec().getRln().getUserMessageLimit())
        .containsExactly(20, 100, 600);
    assertThat(plan.points()).extracting(PlannedPoint::network).doesNotHaveDuplicates();
    assertThat(
            plan.points().stream()
                .map(p -> p.experimentSpec().getTraffic().getOneToOne().getMessagesPerMinute())
                .distinct()
                .toList())
        .hasSize(1);
    assertThat(List.of(plan.points().size())).containsExactly(3);
  }
}
