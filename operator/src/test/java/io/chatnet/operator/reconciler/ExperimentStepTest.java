package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Summary;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatNetworkStatus;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.experiment.NetworkWait;
import io.chatnet.operator.experiment.ShardSummaries;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The decide stage of ChatExperimentReconciler, each phase transition, without a cluster. */
class ExperimentStepTest {
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  final ChatExperiment experiment = experiment();
  final ChatNetwork ready = network(NetworkPhase.Ready);

  // ---- before the start ----

  @Test
  void aMissingNetworkIsAwaitedUntilTheWaitRunsOut() {
    ExperimentStep step = ExperimentStep.decide(seen(new ChatExperimentStatus(), null, null));
    assertThat(step)
        .isEqualTo(
            new ExperimentStep.AwaitNetwork(
                NetworkWait.NOT_FOUND,
                ((ExperimentStep.AwaitNetwork) step).message(),
                NOW.plusSeconds(experiment.getSpec().getNetworkWaitSeconds())));
    assertThat(((ExperimentStep.AwaitNetwork) step).message()).contains("does not exist");
  }

  @Test
  void aMissingNetworkFailsOnceTheWaitIsOver() {
    ChatExperimentStatus status = new ChatExperimentStatus();
    status.getConditions().add(networkReadyFalseSince(NOW.minusSeconds(3600)));
    ExperimentStep step = ExperimentStep.decide(seen(status, null, null));
    assertThat(step).isInstanceOf(ExperimentStep.Fail.class);
    ExperimentStep.Fail fail = (ExperimentStep.Fail) step;
    assertThat(fail.reason()).isEqualTo(NetworkWait.FAILED_NOT_FOUND);
    assertThat(fail.removeJob()).isFalse();
  }

  @Test
  void aNetworkNotReadyIsAwaited() {
    ExperimentStep step =
        ExperimentStep.decide(
            seen(new ChatExperimentStatus(), network(NetworkPhase.Provisioning), null));
    assertThat(step).isInstanceOf(ExperimentStep.AwaitNetwork.class);
    assertThat(((ExperimentStep.AwaitNetwork) step).reason()).isEqualTo(NetworkWait.NOT_READY);
  }

  @Test
  void trafficTheNetworkCannotFormFailsBeforeAnythingRuns() {
    experiment.getSpec().getTraffic().getOneToOne().setPairs(100_000);
    ExperimentStep step = ExperimentStep.decide(seen(new ChatExperimentStatus(), ready, null));
    assertThat(step).isInstanceOf(ExperimentStep.Fail.class);
    assertThat(((ExperimentStep.Fail) step).reason()).isEqualTo("InvalidTraffic");
  }

  @Test
  void anotherRunningExperimentQueuesThisOne() {
    ChatExperiment other = experiment();
    other.getMetadata().setName("other");
    other.setStatus(new ChatExperimentStatus());
    other.getStatus().setPhase(ExperimentPhase.Running);
    other.getStatus().setPlannedStart(NOW.minusSeconds(60).toString());
    ExperimentObservation o =
        new ExperimentObservation(
            experiment,
            new ChatExperimentStatus(),
            ready,
            Optional.empty(),
            Optional.empty(),
            List.of(),
            ShardSummaries.NONE,
            List.of(experiment, other),
            null,
            NOW);
    ExperimentStep step = ExperimentStep.decide(o);
    assertThat(step).isInstanceOf(ExperimentStep.Queue.class);
    assertThat(((ExperimentStep.Queue) step).turn().running()).contains("other");
  }

  @Test
  void aReadyFreeNetworkStartsAfterTheSetupPeriod() {
    assertThat(ExperimentStep.decide(seen(new ChatExperimentStatus(), ready, null)))
        .isEqualTo(
            new ExperimentStep.Start(NOW.plusSeconds(experiment.getSpec().getSetupSeconds())));
  }

  @Test
  void aFixedStartRunsEvenIfTheNetworkLeftReady() {
    Instant start = NOW.minusSeconds(10);
    assertThat(
            ExperimentStep.decide(
                seen(new ChatExperimentStatus(), network(NetworkPhase.Degraded), start)))
        .isEqualTo(new ExperimentStep.Run(start));
  }

  @Test
  void aNetworkDeletedDuringTheRunFailsItAndRemovesTheJob() {
    ExperimentStep step =
        ExperimentStep.decide(seen(new ChatExperimentStatus(), null, NOW.minusSeconds(10)));
    assertThat(step).isInstanceOf(ExperimentStep.Fail.class);
    assertThat(((ExperimentStep.Fail) step).reason()).isEqualTo("NetworkDeleted");
    assertThat(((ExperimentStep.Fail) step).removeJob()).isTrue();
  }

  @Test
  void aFinishedExperimentIsFinished() {
    for (ExperimentPhase phase : List.of(ExperimentPhase.Succeeded, ExperimentPhase.Failed)) {
      ChatExperimentStatus status = new ChatExperimentStatus();
      status.setPhase(phase);
      assertThat(ExperimentStep.decide(seen(status, ready, NOW)))
          .isEqualTo(new ExperimentStep.Finished());
    }
  }

  // ---- the run ----

  final Instant start = NOW.minusSeconds(30);
  final Instant deadline = NOW.plusSeconds(600);
  final String windowEnd = NOW.plusSeconds(300).toString();

  @Test
  void aJobNotYetSeenBeforeTheStartIsWaitedFor() {
    assertThat(
            ExperimentStep.run(
                running(null, ShardSummaries.NONE), NOW.plusSeconds(5), deadline, windowEnd))
        .isEqualTo(new ExperimentStep.JobNotSeen());
  }

  @Test
  void aJobGoneAfterTheStartFails() {
    ExperimentStep step =
        ExperimentStep.run(running(null, ShardSummaries.NONE), start, deadline, windowEnd);
    assertThat(((ExperimentStep.Fail) step).reason()).isEqualTo("JobMissing");
  }

  @Test
  void aRunningJobRunsUntilItsDeadline() {
    Job job = job(null, null);
    assertThat(ExperimentStep.run(running(job, ShardSummaries.NONE), start, deadline, windowEnd))
        .isEqualTo(new ExperimentStep.Running(deadline));
    ExperimentStep late =
        ExperimentStep.run(
            running(job, ShardSummaries.NONE), start, NOW.minusSeconds(1), windowEnd);
    assertThat(((ExperimentStep.Fail) late).reason()).isEqualTo("DeadlineExceeded");
    assertThat(((ExperimentStep.Fail) late).removeJob()).isTrue();
  }

  @Test
  void aJobFailedWithNoShardLostFailsTheExperiment() {
    ExperimentStep step =
        ExperimentStep.run(
            running(job("Failed", NOW.minusSeconds(5)), ShardSummaries.NONE),
            start,
            deadline,
            windowEnd);
    assertThat(step).isInstanceOf(ExperimentStep.JobFailed.class);
    assertThat(((ExperimentStep.JobFailed) step).message())
        .startsWith("the load generator Job failed: ");
  }

  @Test
  void aCompleteJobWaitsForSummariesThenTheWindowThenIsAnalyzed() {
    Job done = job("Complete", NOW.minusSeconds(5));
    // 2 shards, none reported, 5 s after the Job completed: wait for the summaries
    assertThat(ExperimentStep.run(running(done, ShardSummaries.NONE), start, deadline, windowEnd))
        .isEqualTo(new ExperimentStep.AwaitSummaries(List.of()));
    // both reported, window still open: wait for its end
    ShardSummaries.Read two = read(summary(), summary());
    assertThat(ExperimentStep.run(running(done, two), start, deadline, windowEnd))
        .isEqualTo(new ExperimentStep.AwaitWindow(Instant.parse(windowEnd), List.of()));
    // one reported but the summary wait is over, window closed: analyze what came
    Job longDone = job("Complete", NOW.minus(ExperimentStep.SUMMARY_WAIT).minusSeconds(1));
    String closed = NOW.minusSeconds(1).toString();
    assertThat(ExperimentStep.run(running(longDone, read(summary())), start, deadline, closed))
        .isEqualTo(new ExperimentStep.Analyze(Instant.parse(closed), List.of()));
  }

  // ---- fixtures ----

  static ChatExperiment experiment() {
    try {
      ChatExperiment e =
          Serialization.unmarshal(
              Files.readString(Scenarios.dir().resolve("experiment-baseline-1to1.yaml")),
              ChatExperiment.class);
      e.getMetadata().setNamespace("lab");
      e.getMetadata().setCreationTimestamp("2026-12-01T11:00:00Z");
      return e;
    } catch (java.io.IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
  }

  static ChatNetwork network(NetworkPhase phase) {
    ChatNetwork network = Scenarios.network("baseline-1to1-1000.yaml", "lab");
    network.setStatus(new ChatNetworkStatus());
    network.getStatus().setPhase(phase);
    return network;
  }

  ExperimentObservation seen(ChatExperimentStatus status, ChatNetwork network, Instant start) {
    return new ExperimentObservation(
        experiment,
        status,
        network,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        ShardSummaries.NONE,
        List.of(experiment),
        start,
        NOW);
  }

  ExperimentObservation running(Job job, ShardSummaries.Read summaries) {
    ChatExperimentStatus status = new ChatExperimentStatus();
    status.setPhase(ExperimentPhase.Running);
    status.setPlannedStart(start.toString());
    return new ExperimentObservation(
        experiment,
        status,
        ready,
        Optional.empty(),
        Optional.ofNullable(job),
        List.of(),
        summaries,
        List.of(experiment),
        start,
        NOW);
  }

  static Job job(String finished, Instant at) {
    JobBuilder job =
        new JobBuilder().withNewMetadata().withName("baseline-1to1-loadgen").endMetadata();
    if (finished != null) {
      job.withNewStatus()
          .addNewCondition()
          .withType(finished)
          .withStatus("True")
          .withMessage("reason given by the Job controller")
          .withLastTransitionTime(at.toString())
          .endCondition()
          .endStatus();
    }
    return job.build();
  }

  static Summary summary() {
    try {
      return ContractJson.readSummary(
          "{\"contractVersion\": "
              + ContractJson.VERSION
              + ", \"experiment\": \"x\", \"shard\": 0}");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static ShardSummaries.Read read(Summary... summaries) {
    return new ShardSummaries.Read(List.of(summaries), List.of(), List.of());
  }

  @Test
  void aSummaryOfAnUnknownContractVersionFailsAndKeepsTheJob() {
    Job done = job("Complete", NOW.minusSeconds(5));
    ShardSummaries.Read unknown =
        ShardSummaries.read(java.util.Map.of("0", "{\"contractVersion\": 99, \"shard\": 0}"));
    assertThat(unknown.problems()).hasSize(1);
    ExperimentStep step = ExperimentStep.run(running(done, unknown), start, deadline, windowEnd);
    assertThat(step).isInstanceOf(ExperimentStep.Fail.class);
    ExperimentStep.Fail fail = (ExperimentStep.Fail) step;
    assertThat(fail.reason()).isEqualTo("SummaryVersionUnknown");
    assertThat(fail.message()).startsWith("shard 0: ");
    assertThat(fail.removeJob()).isFalse();
  }

  static io.fabric8.kubernetes.api.model.Condition networkReadyFalseSince(Instant since) {
    return new ConditionBuilder()
        .withType(NetworkWait.CONDITION)
        .withStatus("False")
        .withReason(NetworkWait.NOT_FOUND)
        .withMessage("waiting")
        .withLastTransitionTime(since.toString())
        .build();
  }
}
