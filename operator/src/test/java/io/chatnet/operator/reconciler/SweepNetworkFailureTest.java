package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatNetworkStatus;
import io.chatnet.operator.api.ChatSweepStatus;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.status.Conditions;
import io.chatnet.operator.sweep.SweepPlan;
import io.chatnet.operator.sweep.SweepPlanner;
import io.chatnet.operator.sweep.SweepPlannerTest;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** When a sweep stops waiting for a failed network, and how the point is then recorded. */
class SweepNetworkFailureTest {
  static final Instant FAILED_AT = Instant.parse("2026-12-02T07:00:00Z");

  static ChatNetwork network(NetworkPhase phase, long generation, long observed) {
    ChatNetwork n = new ChatNetwork();
    n.setMetadata(new ObjectMeta());
    n.getMetadata().setName("sw-n1");
    n.getMetadata().setGeneration(generation);
    ChatNetworkStatus s = new ChatNetworkStatus();
    s.setPhase(phase);
    s.setObservedGeneration(observed);
    s.setConditions(new ArrayList<>());
    s.getConditions()
        .add(
            Conditions.of(
                null,
                NetworkStatusCalculator.READY,
                false,
                "RlnIncompatible",
                "spec.groups[1].version: v0.36 beside v0.38",
                FAILED_AT));
    n.setStatus(s);
    return n;
  }

  @Test
  void aNetworkFailedAtItsSpecPastTheGraceFailsThePointNamingTheReason() {
    var failure =
        SweepNetworkFailure.of(
            network(NetworkPhase.Failed, 3, 3), FAILED_AT.plus(SweepNetworkFailure.GRACE));
    assertThat(failure).isPresent();
    assertThat(failure.get())
        .contains("network sw-n1 Failed")
        .contains("RlnIncompatible: spec.groups[1].version")
        .contains("no experiment was created");
  }

  @Test
  void withinTheGraceAnotherPhaseOrAnOlderGenerationTheSweepWaits() {
    Instant later = FAILED_AT.plus(SweepNetworkFailure.GRACE).plusSeconds(60);
    assertThat(
            SweepNetworkFailure.of(network(NetworkPhase.Failed, 3, 3), FAILED_AT.plusSeconds(29)))
        .isEmpty();
    assertThat(SweepNetworkFailure.of(network(NetworkPhase.Provisioning, 3, 3), later)).isEmpty();
    assertThat(SweepNetworkFailure.of(network(NetworkPhase.Degraded, 3, 3), later)).isEmpty();
    // the failure is of an earlier spec: the one just written has not been looked at yet
    assertThat(SweepNetworkFailure.of(network(NetworkPhase.Failed, 4, 3), later)).isEmpty();
    assertThat(SweepNetworkFailure.of(null, later)).isEmpty();
  }

  @Test
  void aPointFailedByItsNetworkIsRecordedCountedAndNeverStarted() {
    SweepPlan plan =
        SweepPlanner.plan(
            "sw", SweepPlannerTest.sweep("- {name: users, values: [2, 4, 6]}", "").getSpec());
    ChatSweepStatus status = new ChatSweepStatus();
    SweepProgress.record(plan, status, name -> null, name -> false);
    var entry = SweepProgress.networkFailed(status, plan.points().get(0), "network sw-n1 Failed");
    assertThat(entry.getPhase()).isEqualTo(ExperimentPhase.Failed);
    assertThat(entry.getExperiment()).isNull();
    assertThat(status.getPointsDone()).isEqualTo(1);
    assertThat(status.getPointsFailed()).isEqualTo(1);
    assertThat(status.getProgress()).isEqualTo("1/3");
    // the next look moves on to the second point and never creates point 0's experiment
    var next = SweepProgress.record(plan, status, name -> null, name -> false);
    assertThat(next.current())
        .hasValueSatisfying(p -> assertThat(p.index()).isEqualTo(plan.points().get(1).index()));
    assertThat(status.getPoints().get(0).getValues()).isEqualTo(plan.points().get(0).values());
  }
}
