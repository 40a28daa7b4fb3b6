package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatNetworkStatus;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.Readiness;
import io.chatnet.operator.naming.Names;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Thresholds in the phase, and the readiness deadline, on the smoke network (1+8+1+4+2 pods). */
class ReadinessDeadlineTest {
  static final Instant CREATED = Instant.parse("2026-11-26T10:00:00Z");
  final ChatNetwork smoke = Scenarios.network("smoke.yaml", "ns");

  NetworkStatusCalculator at(long secondsAfterCreation) {
    return new NetworkStatusCalculator(
        Clock.fixed(CREATED.plusSeconds(secondsAfterCreation), ZoneOffset.UTC));
  }

  ObservedState observed(Map<String, Integer> missing) {
    Map<String, StatefulSet> sets = new HashMap<>();
    for (NodeGroup g : smoke.getSpec().getGroups()) {
      int ready = g.getReplicas() - missing.getOrDefault(g.getName(), 0);
      sets.put(
          Names.group(smoke, g),
          NetworkStatusCalculatorTest.sts(Names.group(smoke, g), g.getReplicas(), ready));
    }
    return new ObservedState(sets, Map.of(), Map.of(), Map.of(), Map.of());
  }

  static Condition condition(ChatNetworkStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElseThrow();
  }

  {
    smoke.getMetadata().setCreationTimestamp(CREATED.toString());
  }

  @Test
  void theDefaultDeadlineGrowsWithTheNetwork() {
    assertThat(NetworkStatusCalculator.deadlineSeconds(smoke)).isEqualTo(300 + 16 / 5);
    assertThat(Readiness.effectiveDeadlineSeconds(null, 1000)).isEqualTo(500);
    assertThat(Readiness.effectiveDeadlineSeconds(null, 10000)).isEqualTo(2300);
    Readiness given = new Readiness();
    given.setDeadlineSeconds(42);
    assertThat(Readiness.effectiveDeadlineSeconds(given, 10000)).isEqualTo(42);
  }

  @Test
  void aGroupAtItsThresholdIsReadyAndTheStageMovesOn() {
    NodeGroup relay = smoke.getSpec().getGroups().get(1);
    relay.setReadyThreshold(new io.fabric8.kubernetes.api.model.IntOrString("75%"));
    ObservedState twoMissing = observed(Map.of("relay", 2));
    assertThat(
            NetworkStatusCalculator.groupReady(
                relay, twoMissing.statefulSets().get(Names.group(smoke, relay))))
        .isTrue();
    ChatNetworkStatus status = at(10).compute(smoke, twoMissing, List.of(), 3);
    assertThat(status.getPhase()).isEqualTo(NetworkPhase.Ready);
    assertThat(status.getReady()).isEqualTo("14/16");
    assertThat(condition(status, "Ready").getReason()).isEqualTo("ThresholdsMet");
    assertThat(status.getGroups().get(1).getReadyThreshold()).isEqualTo(6);
    // One more missing is below 75% of 8.
    assertThat(at(10).compute(smoke, observed(Map.of("relay", 3)), List.of(), 1).getPhase())
        .isEqualTo(NetworkPhase.Provisioning);
  }

  @Test
  void beforeTheDeadlineItIsProvisioningAndLooksAgainAtTheDeadline() {
    NetworkStatusCalculator calculator = at(100);
    ObservedState serviceMissing = observed(Map.of("store", 1));
    assertThat(calculator.shortPastDeadline(smoke, serviceMissing)).isEmpty();
    ChatNetworkStatus status = calculator.compute(smoke, serviceMissing, List.of(), 1);
    assertThat(status.getPhase()).isEqualTo(NetworkPhase.Provisioning);
    assertThat(condition(status, "Progressing").getReason()).isEqualTo("StageStarting");
    assertThat(condition(status, "Ready").getMessage())
        .isEqualTo(
            "15 of 16 pods are ready; below threshold: store is short by 1 pods (0/1 ready,"
                + " threshold 1)");
    assertThat(calculator.recheckAfter(smoke, status))
        .contains(Duration.ofSeconds(303 - 100).plusMillis(500));
  }

  @Test
  void pastTheDeadlineProgressingNamesTheShortGroupsAndWhyButThePhaseStaysProvisioning() {
    NetworkStatusCalculator calculator = at(304);
    ObservedState missing = observed(Map.of("store", 1, "relay", 1));
    // 98% of 8 relay pods rounds up to all 8.
    assertThat(calculator.shortPastDeadline(smoke, missing))
        .extracting(NodeGroup::getName)
        .containsExactly("relay", "store");
    GroupDiagnosis store =
        GroupDiagnosis.of(
            "store", 1, List.of(GroupDiagnosisTest.unschedulable("smoke-store-0")), List.of());
    ChatNetworkStatus status =
        calculator.compute(smoke, missing, List.of(), 1, Map.of("store", store));
    assertThat(status.getPhase()).isEqualTo(NetworkPhase.Provisioning);
    Condition progressing = condition(status, "Progressing");
    assertThat(progressing.getStatus()).isEqualTo("False");
    assertThat(progressing.getReason()).isEqualTo(NetworkStatusCalculator.DEADLINE_EXCEEDED);
    assertThat(progressing.getMessage())
        .isEqualTo(
            "not at the ready thresholds within 303 s (spec.readiness.deadlineSeconds); still"
                + " retrying: relay is short by 1 pods (7/8 ready, threshold 8); store is short"
                + " by 1 pods (0/1 ready, threshold 1): 1 Unschedulable (e.g. smoke-store-0:"
                + " 0/20 nodes are available: 20 Insufficient cpu.)");
    assertThat(status.getGroups())
        .filteredOn(g -> g.getName().equals("store"))
        .singleElement()
        .satisfies(g -> assertThat(g.getNotReadyCauses()).startsWith("1 Unschedulable"));
    assertThat(calculator.recheckAfter(smoke, status))
        .contains(NetworkStatusCalculator.PAST_DEADLINE_RECHECK);
  }

  @Test
  void aFirstStatusWrittenAfterTheDeadlineKeepsCountingFromCreation() {
    ObservedState missing = observed(Map.of("store", 1));
    // The first reconcile runs late (a loaded operator): the deadline has passed since creation.
    ChatNetworkStatus first = at(304).compute(smoke, missing, List.of(), 1);
    assertThat(condition(first, "Ready").getLastTransitionTime()).isEqualTo(CREATED.toString());
    assertThat(condition(first, "Progressing").getReason())
        .isEqualTo(NetworkStatusCalculator.DEADLINE_EXCEEDED);
    // The next reconcile reads that status back: still past the deadline, no flip to StageStarting.
    smoke.setStatus(first);
    ChatNetworkStatus second = at(305).compute(smoke, missing, List.of(), 1);
    assertThat(condition(second, "Progressing").getReason())
        .isEqualTo(NetworkStatusCalculator.DEADLINE_EXCEEDED);
    assertThat(condition(second, "Ready").getLastTransitionTime()).isEqualTo(CREATED.toString());
  }

  @Test
  void aReadyNetworkThatLosesPodsCountsItsDeadlineFromThen() {
    smoke.setStatus(at(50).compute(smoke, observed(Map.of()), List.of(), 3));
    assertThat(at(50).recheckAfter(smoke, smoke.getStatus())).isEmpty();
    // A day later a service pod goes: Degraded, and the deadline starts now, not at creation.
    ChatNetworkStatus degraded =
        at(86_400).compute(smoke, observed(Map.of("store", 1)), List.of(), 1);
    assertThat(degraded.getPhase()).isEqualTo(NetworkPhase.Degraded);
    assertThat(condition(degraded, "Progressing").getReason())
        .isNotEqualTo("ProgressDeadlineExceeded");
    smoke.setStatus(degraded);
    assertThat(at(86_400 + 302).shortPastDeadline(smoke, observed(Map.of("store", 1)))).isEmpty();
    assertThat(at(86_400 + 303).shortPastDeadline(smoke, observed(Map.of("store", 1))))
        .extracting(NodeGroup::getName)
        .containsExactly("store");
    ChatNetworkStatus stalled =
        at(86_400 + 303).compute(smoke, observed(Map.of("store", 1)), List.of(), 1);
    assertThat(stalled.getPhase()).isEqualTo(NetworkPhase.Degraded);
    assertThat(condition(stalled, "Progressing").getReason())
        .isEqualTo(NetworkStatusCalculator.DEADLINE_EXCEEDED);
    assertThat(at(1).recheckAfter(smoke, stalled)).isPresent();
  }
}
