package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatNetworkStatus;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.naming.Names;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkStatusCalculatorTest {
  final NetworkStatusCalculator calculator =
      new NetworkStatusCalculator(
          Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));
  final ChatNetwork smoke = Scenarios.network("smoke.yaml", "ns");

  static StatefulSet sts(String name, int replicas, int ready) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName(name)
        .withGeneration(1L)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(1L)
        .withReplicas(replicas)
        .withReadyReplicas(ready)
        .withUpdatedReplicas(replicas)
        .withCurrentRevision("r1")
        .withUpdateRevision("r1")
        .endStatus()
        .build();
  }

  ObservedState observed(int missingReady) {
    Map<String, StatefulSet> sets = new HashMap<>();
    for (NodeGroup g : smoke.getSpec().getGroups()) {
      int ready = g.getName().equals("relay") ? g.getReplicas() - missingReady : g.getReplicas();
      sets.put(Names.group(smoke, g), sts(Names.group(smoke, g), g.getReplicas(), ready));
    }
    return new ObservedState(sets, Map.of(), Map.of(), Map.of(), Map.of());
  }

  @Test
  void allGroupsReadyMeansReady() {
    ChatNetworkStatus status = calculator.compute(smoke, observed(0), List.of("enr:x"), 3);
    assertThat(status.getPhase()).isEqualTo(NetworkPhase.Ready);
    assertThat(status.getReady()).isEqualTo("16/16");
    assertThat(status.getReadyTime()).isEqualTo("2026-11-26T10:00:00Z");
    assertThat(status.getGroups()).extracting(g -> g.getState()).containsOnly("Ready");
    assertThat(status.getConditions())
        .extracting(c -> c.getType() + "=" + c.getStatus())
        .containsExactly("Ready=True", "Progressing=False", "SpecValid=True");
  }

  @Test
  void notYetReadyIsProvisioningAndOnceReadyItIsDegraded() {
    ChatNetworkStatus starting = calculator.compute(smoke, observed(2), List.of(), 1);
    assertThat(starting.getPhase()).isEqualTo(NetworkPhase.Provisioning);
    assertThat(starting.getReady()).isEqualTo("14/16");

    smoke.setStatus(calculator.compute(smoke, observed(0), List.of(), 3));
    ChatNetworkStatus degraded = calculator.compute(smoke, observed(1), List.of(), 1);
    assertThat(degraded.getPhase()).isEqualTo(NetworkPhase.Degraded);
    assertThat(degraded.getReadyTime()).isEqualTo(smoke.getStatus().getReadyTime());

    smoke.getMetadata().setGeneration(2L); // a spec change: the new generation is provisioning
    assertThat(calculator.compute(smoke, observed(1), List.of(), 1).getPhase())
        .isEqualTo(NetworkPhase.Provisioning);
  }

  @Test
  void groupsOfLaterStagesWaitUntilCreated() {
    ObservedState onlyBoot =
        new ObservedState(
            Map.of("smoke-boot", sts("smoke-boot", 1, 0)), Map.of(), Map.of(), Map.of(), Map.of());
    ChatNetworkStatus status = calculator.compute(smoke, onlyBoot, List.of(), 0);
    assertThat(status.getGroups())
        .extracting(g -> g.getName() + ":" + g.getState())
        .containsExactly(
            "boot:Starting", "relay:Waiting", "store:Waiting", "desktop:Waiting", "mobile:Waiting");
  }

  @Test
  void anInvalidSpecFailsWithTheReason() {
    ChatNetworkStatus status = calculator.invalid(smoke, "InvalidSpec", "spec.discovery: too big");
    assertThat(status.getPhase()).isEqualTo(NetworkPhase.Failed);
    assertThat(status.getConditions())
        .allSatisfy(c -> assertThat(c.getMessage()).isEqualTo("spec.discovery: too big"))
        .extracting(c -> c.getType() + "=" + c.getStatus())
        .containsExactly("Ready=False", "Progressing=False", "SpecValid=False");
  }
}
