package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.experiment.PlanConfigMap;
import io.chatnet.operator.experiment.ShardSummaries;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The JobMissing window (bench/reliability.md): a plan written with a start, no Job, nothing in
 * status, and the start past. The start is fixed again (the plan rewritten, one Job) rather than
 * the run failed; every neighbouring state keeps its old step.
 */
class MissedStartStepTest {
  static final Instant NOW = ExperimentStepTest.NOW;
  final ChatExperiment experiment = ExperimentStepTest.experiment();
  final ChatNetwork ready = ExperimentStepTest.network(NetworkPhase.Ready);

  ExperimentObservation seen(
      ChatExperimentStatus status, Instant planStart, boolean job, Instant plannedStart) {
    ConfigMap plan =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("plan")
            .addToAnnotations(PlanConfigMap.START_ANNOTATION, planStart.toString())
            .endMetadata()
            .build();
    return new ExperimentObservation(
        experiment,
        status,
        ready,
        Optional.of(plan),
        job
            ? Optional.of(new JobBuilder().withNewMetadata().withName("j").endMetadata().build())
            : Optional.empty(),
        List.of(),
        ShardSummaries.NONE,
        List.of(experiment),
        plannedStart,
        NOW);
  }

  @Test
  void aPlanWithoutJobOrStatusPastItsStartGetsANewStartAndAFullSetupPeriod() {
    Instant missed = NOW.minusSeconds(30);
    ExperimentStep step =
        ExperimentStep.decide(seen(new ChatExperimentStatus(), missed, false, missed));
    assertThat(step)
        .isEqualTo(
            new ExperimentStep.Start(
                NOW.plusSeconds(experiment.getSpec().getSetupSeconds()), missed));
  }

  @Test
  void aPlanWithoutJobBeforeItsStartKeepsItsStart() {
    Instant start = NOW.plusSeconds(30);
    assertThat(ExperimentStep.decide(seen(new ChatExperimentStatus(), start, false, start)))
        .isEqualTo(new ExperimentStep.Run(start));
  }

  @Test
  void aJobThatExistsIsNeverReplaced() {
    Instant start = NOW.minusSeconds(30);
    assertThat(ExperimentStep.decide(seen(new ChatExperimentStatus(), start, true, start)))
        .isEqualTo(new ExperimentStep.Run(start));
  }

  @Test
  void aStartRecordedInStatusIsKeptAndAGoneJobStillFails() {
    // the status recorded the start: a Job was created then (or refused, which its condition
    // says), so a missing Job now is JobMissing as before, never a second Job
    Instant start = NOW.minusSeconds(30);
    ChatExperimentStatus status = new ChatExperimentStatus();
    status.setPlannedStart(start.toString());
    assertThat(ExperimentStep.decide(seen(status, start, false, start)))
        .isEqualTo(new ExperimentStep.Run(start));
  }
}
