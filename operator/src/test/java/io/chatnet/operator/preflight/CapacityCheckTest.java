package io.chatnet.operator.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Capacity against the templates GroupStatefulSet builds for the smoke scenario. */
class CapacityCheckTest {
  final ChatNetwork smoke = Scenarios.network("smoke.yaml", "team-a");

  static Node node(String name, String cpu, String memory, int pods) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("kubernetes.io/hostname", name)
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .withNewStatus()
        .addToAllocatable("cpu", new Quantity(cpu))
        .addToAllocatable("memory", new Quantity(memory))
        .addToAllocatable("pods", new Quantity(String.valueOf(pods)))
        .endStatus()
        .build();
  }

  static Pod boundPod(String node, String cpu) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("other-on-" + node)
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .addNewContainer()
        .withName("c")
        .withNewResources()
        .addToRequests("cpu", new Quantity(cpu))
        .endResources()
        .endContainer()
        .endSpec()
        .build();
  }

  List<GroupDemand> demands(ChatNetwork network) {
    return NetworkDemand.of(network, Map.of(), Set.of(), Scenarios.DEFAULTS);
  }

  NodeGroup group(String name) {
    return smoke.getSpec().getGroups().stream()
        .filter(g -> g.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theWholeNetworkIsSummedFromTheBuiltTemplates() {
    // smoke: 10 nwaku pods at 150m/64Mi (GroupStatefulSet's default), 6 status-backend pods at
    // 100m/256Mi: 2.1 cores, 2176Mi, 16 pods.
    CapacityCheck.Result result =
        CapacityCheck.check(
            List.of(node("n0", "4", "8Gi", 110)), List.of(), demands(smoke), List.of());
    assertThat(result.finding()).isEmpty();
    assertThat(result.summary())
        .isEqualTo(
            "capacity: the network adds cpu 2.1, memory 2.1Gi, pods 16 in requests; 1 schedulable"
                + " nodes have cpu 4, memory 8Gi, pods 110 free");
  }

  @Test
  void podsAlreadyBoundUseTheRoomAndTheShortResourceIsNamed() {
    CapacityCheck.Result result =
        CapacityCheck.check(
            List.of(node("n0", "4", "8Gi", 110)),
            List.of(boundPod("n0", "3"), boundPod("elsewhere", "100")),
            demands(smoke),
            List.of());
    assertThat(result.finding()).isPresent();
    Finding f = result.finding().get();
    assertThat(f.reason()).isEqualTo(Finding.INSUFFICIENT_CAPACITY);
    // boot (150m) and 5 relays fit in the 1 core left; relay is the group that does not fit.
    assertThat(f.message())
        .startsWith(
            "group relay (spec.groups[1]) adds 8 pods requesting cpu 150m, memory 64Mi each; 5"
                + " of them fit on the 1 nodes it may use (of 1): cpu needed 1.2, free 850m.")
        .contains("Fix: add nodes, lower spec.groups[1].replicas")
        .contains("spec.preflight.skipChecks: [capacity]");
  }

  @Test
  void aPodLargerThanAnyNodeIsRefusedEvenWhenTheSumFits() {
    group("relay")
        .setResources(
            new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("3")).build());
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      nodes.add(node("n" + i, "2", "8Gi", 110));
    }
    Finding f =
        CapacityCheck.check(nodes, List.of(), demands(smoke), List.of()).finding().orElseThrow();
    assertThat(f.message())
        .contains("adds 8 pods requesting cpu 3 each; 0 of them fit on the 20 nodes")
        .contains("enough in total, but no node has room for another whole pod");
  }

  @Test
  void cordonedTaintedAndUnselectedNodesAreLeftOut() {
    Node cordoned = node("a-cordoned", "64", "64Gi", 110);
    cordoned.getSpec().setUnschedulable(true);
    Node tainted = node("b-tainted", "64", "64Gi", 110);
    tainted.getSpec().setTaints(List.of(new Taint("NoSchedule", "dedicated", null, "gpu")));
    Node preferNot = node("c-prefer", "1", "64Gi", 110);
    preferNot.getSpec().setTaints(List.of(new Taint("PreferNoSchedule", "soft", null, "x")));
    List<Node> nodes = List.of(cordoned, tainted, preferNot);

    Finding f =
        CapacityCheck.check(nodes, List.of(), demands(smoke), List.of()).finding().orElseThrow();
    assertThat(f.message())
        .contains("on the 1 nodes it may use (of 3)")
        .contains("nodes excluded: 1 cordoned, 1 taint dedicated=gpu:NoSchedule")
        .contains("add spec.groups[1].tolerations");

    // Tolerating the taint (every group) opens the tainted node: everything fits.
    for (NodeGroup g : smoke.getSpec().getGroups()) {
      g.setTolerations(
          List.of(
              new TolerationBuilder()
                  .withKey("dedicated")
                  .withOperator("Equal")
                  .withValue("gpu")
                  .withEffect("NoSchedule")
                  .build()));
    }
    assertThat(CapacityCheck.check(nodes, List.of(), demands(smoke), List.of()).finding())
        .isEmpty();

    // A nodeSelector nothing matches leaves no node for that group.
    group("desktop").setNodeSelector(Map.of("pool", "clients"));
    Finding unselected =
        CapacityCheck.check(nodes, List.of(), demands(smoke), List.of()).finding().orElseThrow();
    assertThat(unselected.message())
        .startsWith("group desktop (spec.groups[3]) adds 4 pods")
        .contains("none of the 3 nodes may take them")
        .contains("nodeSelector pool=clients")
        .contains("widen spec.groups[3].nodeSelector");
  }

  @Test
  void tolerationMatchingFollowsKubernetes() {
    Taint taint = new Taint("NoExecute", "k", null, "v");
    assertThat(
            NodeEligibility.tolerates(
                new TolerationBuilder().withOperator("Exists").build(), taint))
        .isTrue();
    assertThat(
            NodeEligibility.tolerates(
                new TolerationBuilder()
                    .withKey("k")
                    .withOperator("Exists")
                    .withEffect("NoSchedule")
                    .build(),
                taint))
        .isFalse();
    assertThat(
            NodeEligibility.tolerates(
                new TolerationBuilder().withKey("k").withValue("w").build(), taint))
        .isFalse();
    assertThat(
            NodeEligibility.tolerates(
                new TolerationBuilder().withKey("k").withValue("v").build(), taint))
        .isTrue();
  }

  @Test
  void onlyPodsBeyondTheStatefulSetsReplicasAreAdded() {
    StatefulSet relay =
        new StatefulSetBuilder()
            .withNewMetadata()
            .withName("smoke-relay")
            .endMetadata()
            .withNewSpec()
            .withReplicas(6)
            .endSpec()
            .build();
    Map<String, StatefulSet> live = Map.of("smoke-relay", relay);
    assertThat(NetworkDemand.addedPods(smoke, live)).isEqualTo(16 - 6);
    List<GroupDemand> demands =
        NetworkDemand.of(
            smoke, live, Set.of("smoke-relay", "smoke-relay-keys-0"), Scenarios.DEFAULTS);
    GroupDemand relayDemand = demands.get(1);
    assertThat(relayDemand.added()).isEqualTo(2);
    assertThat(relayDemand.newStatefulSet()).isFalse();
    assertThat(relayDemand.newService()).isFalse();
    assertThat(relayDemand.newSecrets()).isZero();
    assertThat(demands.get(0).newSecrets()).isEqualTo(1);
    assertThat(demands.get(3).newSecrets()).isZero(); // status-backend has no node keys
    assertThat(
            CapacityCheck.fits(
                ResourceAmounts.of("cpu", new BigDecimal("1")),
                ResourceAmounts.of("cpu", new BigDecimal("0.3")),
                10))
        .isEqualTo(3);
  }
}
