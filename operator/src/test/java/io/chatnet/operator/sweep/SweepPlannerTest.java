package io.chatnet.operator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatSweep;
import io.chatnet.operator.api.GroupRole;
import io.chatnet.operator.api.NodeGroup;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sweep planner without a cluster: points, their order, counts and networks, refusals. */
public class SweepPlannerTest {
  public static ChatSweep sweep(String axes, String extra) {
    return Serialization.unmarshal(
        """
        apiVersion: chatnet.io/v1alpha1
        kind: ChatSweep
        metadata: {name: sw}
        spec:
          network:
            seed: sw
            groups:
            - {name: boot, kind: nwaku, role: bootstrap, replicas: 1}
            - {name: relay, kind: nwaku, role: relay, replicas: 4}
            - {name: store, kind: nwaku, role: service, replicas: 1}
            - {name: desktop, kind: status-backend, role: desktop, replicas: 6}
            - {name: mobile, kind: status-backend, role: mobile, replicas: 2}
          experiment:
            durationSeconds: 60
            traffic:
              oneToOne: {pairs: 4, messagesPerMinute: 6, payloadBytes: 512}
          axes:
        %s
        %s"""
            .formatted(axes.indent(2), extra),
        ChatSweep.class);
  }

  static int replicas(PlannedPoint p, GroupRole role) {
    return p.networkSpec().getGroups().stream()
        .filter(g -> g.getRole() == role)
        .mapToInt(NodeGroup::getReplicas)
        .sum();
  }

  @Test
  void pointsAreTheProductWithTheFirstAxisSlowestOnOneScaledNetwork() {
    ChatSweep s =
        sweep(
            """
            - {name: users, values: [4, 8, 16]}
            - {name: messagesPerMinute, values: [2, 6.5]}
            """,
            "  relayNodesPerUser: 0.5");
    SweepPlan plan = SweepPlanner.plan("sw", s.getSpec());
    assertThat(plan.problems()).isEmpty();
    assertThat(plan.points())
        .extracting(PlannedPoint::values)
        .containsExactly(
            Map.of("users", "4", "messagesPerMinute", "2"),
            Map.of("users", "4", "messagesPerMinute", "6.5"),
            Map.of("users", "8", "messagesPerMinute", "2"),
            Map.of("users", "8", "messagesPerMinute", "6.5"),
            Map.of("users", "16", "messagesPerMinute", "2"),
            Map.of("users", "16", "messagesPerMinute", "6.5"));
    assertThat(plan.points()).extracting(PlannedPoint::index).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(plan.points())
        .extracting(PlannedPoint::experiment)
        .containsExactly("sw-p1", "sw-p2", "sw-p3", "sw-p4", "sw-p5", "sw-p6");
    // Only counts change: one network, scaled between points.
    assertThat(plan.points()).extracting(PlannedPoint::network).containsOnly("sw-n1");
    PlannedPoint last = plan.points().get(5);
    // the base's mobile share (2 of 8) is kept: 4 of 16 mobile
    assertThat(replicas(last, GroupRole.MOBILE)).isEqualTo(4);
    assertThat(replicas(last, GroupRole.DESKTOP)).isEqualTo(12);
    assertThat(replicas(last, GroupRole.RELAY)).isEqualTo(8);
    assertThat(replicas(last, GroupRole.BOOTSTRAP)).isEqualTo(1);
    var oneToOne = last.experimentSpec().getTraffic().getOneToOne();
    assertThat(oneToOne.getPairs()).isEqualTo(8);
    assertThat(oneToOne.getDesktopMobilePairs()).isEqualTo(4);
    assertThat(oneToOne.getMessagesPerMinute()).isEqualTo(6.5);
    assertThat(oneToOne.getPayloadBytes()).isEqualTo(512);
    assertThat(last.experimentSpec().getNetworkRef().getName()).isEqualTo("sw-n1");
    assertThat(last.experimentSpec().getDurationSeconds()).isEqualTo(60);
    // the base spec is untouched
    assertThat(s.getSpec().getNetwork().getGroups().get(3).getReplicas()).isEqualTo(6);
    assertThat(s.getSpec().getExperiment().getNetworkRef()).isNull();
  }

  @Test
  void trafficGroupSizeAndLightShareAxesSetTheTrafficAndTheClientMix() {
    ChatSweep s =
        sweep(
            """
            - {name: traffic, kinds: [oneToOne, privateGroups]}
            - {name: groupSize, values: [4]}
            - {name: lightClientShare, values: [0, 0.25]}
            - {name: users, values: [8]}
            """,
            "");
    SweepPlan plan = SweepPlanner.plan("sw", s.getSpec());
    assertThat(plan.problems()).isEmpty();
    assertThat(plan.points()).hasSize(4);
    PlannedPoint oneToOneNoMobile = plan.points().get(0);
    assertThat(replicas(oneToOneNoMobile, GroupRole.MOBILE)).isZero();
    assertThat(oneToOneNoMobile.experimentSpec().getTraffic().getPrivateGroups()).isNull();
    PlannedPoint groups = plan.points().get(3);
    assertThat(groups.values())
        .containsExactly(
            Map.entry("traffic", "privateGroups"),
            Map.entry("groupSize", "4"),
            Map.entry("lightClientShare", "0.25"),
            Map.entry("users", "8"));
    var g = groups.experimentSpec().getTraffic().getPrivateGroups();
    assertThat(g.getGroups()).isEqualTo(2);
    assertThat(g.getMembersPerGroup()).isEqualTo(4);
    assertThat(g.getMobileMembersPerGroup()).isEqualTo(1);
    assertThat(g.getMessagesPerMinute()).isEqualTo(6);
    assertThat(g.getPayloadBytes()).isEqualTo(512);
    assertThat(groups.experimentSpec().getTraffic().getOneToOne()).isNull();
    assertThat(replicas(groups, GroupRole.MOBILE)).isEqualTo(2);
    assertThat(replicas(groups, GroupRole.DESKTOP)).isEqualTo(6);
  }

  @Test
  void networksOfTheSameShapeDifferOnlyInCounts() {
    var base = sweep("- {name: users, values: [4]}", "").getSpec().getNetwork();
    var scaled = Serialization.clone(base);
    scaled.getGroups().get(1).setReplicas(40);
    assertThat(SweepPlanner.shapeOf(scaled)).isEqualTo(SweepPlanner.shapeOf(base));
    var otherImage = Serialization.clone(base);
    otherImage.getGroups().get(3).setImage("soutullostatus/status-backend:c72f4913");
    assertThat(SweepPlanner.shapeOf(otherImage)).isNotEqualTo(SweepPlanner.shapeOf(base));
  }

  @Test
  void whatAdmissionCannotCheckIsRefusedNamingTheField() {
    List<String> odd =
        SweepPlanner.plan("sw", sweep("- {name: users, values: [4, 5]}", "").getSpec()).problems();
    assertThat(odd)
        .containsExactly(
            "spec.axes[0] (users): point 2 has 5 users: one-to-one traffic pairs every client, so"
                + " users must be even");
    List<String> noSize =
        SweepPlanner.plan("sw", sweep("- {name: traffic, kinds: [privateGroups]}", "").getSpec())
            .problems();
    assertThat(noSize)
        .containsExactly(
            "spec.axes[0] (traffic): point 1 runs private groups but no group size is given: add"
                + " a groupSize axis or spec.experiment.traffic.privateGroups.membersPerGroup");
    ChatSweep noMobileGroup = sweep("- {name: lightClientShare, values: [0.5]}", "");
    noMobileGroup.getSpec().getNetwork().getGroups().remove(4);
    assertThat(SweepPlanner.plan("sw", noMobileGroup.getSpec()).problems())
        .containsExactly(
            "spec.axes[0] (lightClientShare): point 1 has 3 mobile clients but the network has no"
                + " mobile group");
    ChatSweep twoRelays = sweep("- {name: users, values: [4]}", "  relayNodesPerUser: 1");
    NodeGroup second = Serialization.clone(twoRelays.getSpec().getNetwork().getGroups().get(1));
    second.setName("relay2");
    twoRelays.getSpec().getNetwork().getGroups().add(second);
    assertThat(SweepPlanner.plan("sw", twoRelays.getSpec()).problems())
        .containsExactly(
            "spec.relayNodesPerUser: the network needs exactly one relay group to scale, not 2");
  }
}
