package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatSweepStatus;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.SweepPointStatus;
import io.chatnet.operator.status.Conditions;
import io.chatnet.operator.sweep.SweepPlan;
import io.chatnet.operator.sweep.SweepPlanner;
import io.chatnet.operator.sweep.SweepPlannerTest;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sweep's record step without a cluster: what is recorded, and which point is current. */
class SweepProgressTest {
  final SweepPlan plan =
      SweepPlanner.plan(
          "sw", SweepPlannerTest.sweep("- {name: users, values: [2, 4, 6]}", "").getSpec());
  final Map<String, ChatExperiment> experiments = new HashMap<>();

  ChatExperiment experiment(String name, ExperimentPhase phase, String report) {
    ChatExperiment e = new ChatExperiment();
    e.setMetadata(new ObjectMeta());
    e.getMetadata().setName(name);
    ChatExperimentStatus s = new ChatExperimentStatus();
    s.setPhase(phase);
    s.setReportConfigMap(report);
    e.setStatus(s);
    experiments.put(name, e);
    return e;
  }

  SweepProgress.Outcome record(ChatSweepStatus status) {
    return SweepProgress.record(plan, status, experiments::get, experiments::containsKey);
  }

  @Test
  void finishedPointsAreRecordedOnceAndTheFirstOtherIsCurrent() {
    ChatSweepStatus status = new ChatSweepStatus();
    experiment("sw-p1", ExperimentPhase.Succeeded, "sw-p1-report");
    experiment("sw-p2", ExperimentPhase.Running, null);
    SweepProgress.Outcome first = record(status);
    assertThat(first.current().orElseThrow().index()).isEqualTo(2);
    assertThat(first.newlyRecorded()).extracting(SweepPointStatus::getIndex).containsExactly(1);
    assertThat(status.getProgress()).isEqualTo("1/3");
    assertThat(status.getCurrentPoint()).isEqualTo(2);
    assertThat(status.getPoints())
        .extracting(SweepPointStatus::getPhase)
        .containsExactly(ExperimentPhase.Succeeded, ExperimentPhase.Running);
    // Again (a restart reads the same status and objects): nothing is recorded twice.
    SweepProgress.Outcome again = record(status);
    assertThat(again.newlyRecorded()).isEmpty();
    assertThat(again.current().orElseThrow().index()).isEqualTo(2);
  }

  @Test
  void aFailedPointIsRecordedWithItsReasonAndTheSweepGoesOn() {
    ChatSweepStatus status = new ChatSweepStatus();
    experiment("sw-p1", ExperimentPhase.Succeeded, "sw-p1-report");
    ChatExperiment failed = experiment("sw-p2", ExperimentPhase.Failed, "sw-p2-report");
    Conditions.upsert(
        failed.getStatus().getConditions(),
        "Failed",
        true,
        "NetworkNotReady",
        "network sw-n1 is Pending",
        Instant.EPOCH);
    SweepProgress.Outcome outcome = record(status);
    assertThat(outcome.current().orElseThrow().index()).isEqualTo(3);
    assertThat(status.getPointsFailed()).isEqualTo(1);
    assertThat(status.getPoints().get(1).getMessage()).isEqualTo("network sw-n1 is Pending");
  }

  @Test
  void aStartedPointWhoseExperimentIsGoneIsFailedNotRunAgain() {
    ChatSweepStatus status = new ChatSweepStatus();
    SweepProgress.started(status, plan.points().get(0), "sw-p1");
    SweepProgress.Outcome outcome = record(status);
    assertThat(outcome.current().orElseThrow().index()).isEqualTo(2);
    assertThat(status.getPoints().get(0).getPhase()).isEqualTo(ExperimentPhase.Failed);
    assertThat(status.getPoints().get(0).getMessage())
        .isEqualTo("experiment sw-p1 was deleted before it finished");
  }

  @Test
  void aStartedPointTheCacheHasNotSeenYetStaysCurrent() {
    ChatSweepStatus status = new ChatSweepStatus();
    SweepProgress.started(status, plan.points().get(0), "sw-p1");
    SweepProgress.Outcome outcome = SweepProgress.record(plan, status, name -> null, name -> true);
    assertThat(outcome.current().orElseThrow().index()).isEqualTo(1);
    assertThat(status.getPoints().get(0).getPhase()).isEqualTo(ExperimentPhase.Pending);
  }

  @Test
  void aFinishedExperimentWhoseReportIsPendingIsNotRecordedYet() {
    ChatSweepStatus status = new ChatSweepStatus();
    experiment("sw-p1", ExperimentPhase.Succeeded, null);
    assertThat(record(status).current().orElseThrow().index()).isEqualTo(1);
    assertThat(status.getPointsDone()).isZero();
  }
}
