package io.chatnet.operator.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentSpec;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatNetworkStatus;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.FailedShard;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.api.NetworkRef;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of sharing a network: the queue, the network wait, the lost shards. */
class SharedNetworkBuildersTest {
  static ChatExperiment experiment(String name, String created, ExperimentPhase phase) {
    ChatExperiment e = new ChatExperiment();
    e.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace("ns")
            .withCreationTimestamp(created)
            .build());
    ChatExperimentSpec spec = new ChatExperimentSpec();
    NetworkRef ref = new NetworkRef();
    ref.setName("net");
    spec.setNetworkRef(ref);
    e.setSpec(spec);
    if (phase != null) {
      ChatExperimentStatus status = new ChatExperimentStatus();
      status.setPhase(phase);
      if (phase != ExperimentPhase.Queued && phase != ExperimentPhase.WaitingForNetwork) {
        status.setPlannedStart("2026-01-01T00:00:00Z");
      }
      e.setStatus(status);
    }
    return e;
  }

  @Test
  void theQueueIsOrderedByCreationThenNameAndWaitsForTheRunningOne() {
    ChatExperiment running = experiment("a", "2026-01-01T00:00:05Z", ExperimentPhase.Running);
    ChatExperiment done = experiment("0-done", "2026-01-01T00:00:00Z", ExperimentPhase.Succeeded);
    ChatExperiment b = experiment("b", "2026-01-01T00:00:10Z", ExperimentPhase.Queued);
    ChatExperiment c = experiment("c", "2026-01-01T00:00:10Z", null);
    ChatExperiment d = experiment("d", "2026-01-01T00:00:09Z", null);
    List<ChatExperiment> all = List.of(running, done, b, c, d);

    ExperimentQueue.Decision forB = ExperimentQueue.decide(b, all);
    assertThat(forB.mayStart()).isFalse();
    assertThat(forB.running()).contains("a");
    assertThat(forB.position()).isEqualTo(2);
    assertThat(forB.message("net"))
        .isEqualTo("experiment a is running on network net; this one is number 2 of 3 waiting");
    assertThat(ExperimentQueue.decide(d, all).position()).isEqualTo(1);
    assertThat(ExperimentQueue.decide(c, all).position()).isEqualTo(3);

    // When a finishes, only the first in line may start; the others keep their places.
    running.getStatus().setPhase(ExperimentPhase.Succeeded);
    assertThat(ExperimentQueue.decide(d, all).mayStart()).isTrue();
    assertThat(ExperimentQueue.decide(b, all).mayStart()).isFalse();
    assertThat(ExperimentQueue.decide(b, all).message("net"))
        .isEqualTo(
            "network net is kept for the experiments ahead; this one is number 2 of 3 waiting");
    // A lone experiment starts at once.
    assertThat(ExperimentQueue.decide(c, List.of(c)).mayStart()).isTrue();
    // One being deleted holds nothing.
    running.getStatus().setPhase(ExperimentPhase.Running);
    running.getMetadata().setDeletionTimestamp("2026-01-01T00:01:00Z");
    assertThat(ExperimentQueue.decide(d, all).mayStart()).isTrue();
  }

  @Test
  void theNetworkWaitNamesThePhaseAndTheReadyMessageAndCountsFromItsCondition() {
    ChatExperiment e = experiment("e", "2026-01-01T00:00:00Z", null);
    e.getSpec().setNetworkWaitSeconds(600);
    assertThat(NetworkWait.problem(e, null))
        .contains("network net does not exist in namespace ns (spec.networkRef.name)");

    ChatNetwork network = new ChatNetwork();
    network.setMetadata(new ObjectMetaBuilder().withName("net").withNamespace("ns").build());
    assertThat(NetworkWait.problem(e, network))
        .contains("network net is not yet reconciled (no phase)");
    ChatNetworkStatus status = new ChatNetworkStatus();
    status.setPhase(NetworkPhase.Provisioning);
    status
        .getConditions()
        .add(
            new ConditionBuilder()
                .withType("Ready")
                .withStatus("False")
                .withMessage("group boot: 0/1 ready")
                .build());
    network.setStatus(status);
    assertThat(NetworkWait.problem(e, network))
        .contains("network net is Provisioning: group boot: 0/1 ready");
    status.setPhase(NetworkPhase.Ready);
    assertThat(NetworkWait.problem(e, network)).isEmpty();

    Instant now = Instant.parse("2026-01-01T01:00:00.700Z");
    assertThat(NetworkWait.deadline(e, List.of(), now))
        .isEqualTo(Instant.parse("2026-01-01T01:10:00Z"));
    Condition waiting =
        new ConditionBuilder()
            .withType("NetworkReady")
            .withStatus("False")
            .withLastTransitionTime("2026-01-01T00:30:00Z")
            .build();
    assertThat(NetworkWait.deadline(e, List.of(waiting), now))
        .isEqualTo(Instant.parse("2026-01-01T00:40:00Z"));
    waiting.setStatus("True");
    assertThat(NetworkWait.deadline(e, List.of(waiting), now))
        .isEqualTo(Instant.parse("2026-01-01T01:10:00Z"));
  }

  static Pod pod(String name, String index, String created, String phase, Integer exit) {
    PodBuilder b =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withCreationTimestamp(created)
            .addToAnnotations(ShardFailures.INDEX_ANNOTATION, index)
            .endMetadata()
            .withNewStatus()
            .withPhase(phase)
            .withReason(exit == null ? "Evicted" : null)
            .withMessage(exit == null ? "The node was low on resource: memory." : null)
            .endStatus();
    Pod pod = b.build();
    if (exit != null) {
      pod.getStatus()
          .setContainerStatuses(
              List.of(
                  new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                      .withName("loadgen")
                      .withNewState()
                      .withNewTerminated()
                      .withExitCode(exit)
                      .withReason("Error")
                      .withMessage("Succeeded".equals(phase) ? "{}" : "x".repeat(300))
                      .endTerminated()
                      .endState()
                      .build()));
    }
    return pod;
  }

  @Test
  void lostShardsAreTheJobsFailedIndexesNamedByTheirLastPod() {
    assertThat(ShardFailures.parseIndexes("1,3-5,9")).containsExactly(1, 3, 4, 5, 9);
    assertThat(ShardFailures.parseIndexes(null)).isEmpty();
    Job job = new JobBuilder().withNewStatus().withFailedIndexes("1,2").endStatus().build();
    List<FailedShard> lost =
        ShardFailures.of(
            job,
            List.of(
                pod("s-0", "0", "2026-01-01T00:00:00Z", "Succeeded", 0),
                pod("s-1-a", "1", "2026-01-01T00:00:00Z", "Failed", 1),
                pod("s-1-b", "1", "2026-01-01T00:00:30Z", "Failed", 2),
                pod("s-2-a", "2", "2026-01-01T00:00:00Z", "Failed", null)));
    assertThat(lost).hasSize(2);
    assertThat(lost.get(0).getIndex()).isEqualTo(1);
    assertThat(lost.get(0).getPod()).isEqualTo("s-1-b");
    assertThat(lost.get(0).getReason())
        .startsWith("exit code 2 (Error): xxx")
        .hasSize("exit code 2 (Error): ".length() + 256 + 3);
    assertThat(lost.get(1).getReason()).isEqualTo("Evicted: The node was low on resource: memory.");
    // A shard that succeeded without a summary (a retry after the window) is lost too; one whose
    // retry did leave a summary is not.
    Pod late = pod("s-3-b", "3", "2026-01-01T00:01:00Z", "Succeeded", 0);
    late.getStatus()
        .getContainerStatuses()
        .get(0)
        .getState()
        .getTerminated()
        .setMessage("shard 3 started at X, after the measured window ended at Y");
    Pod reported = pod("s-4", "4", "2026-01-01T00:01:00Z", "Succeeded", 0);
    reported.getStatus().getContainerStatuses().get(0).getState().getTerminated().setMessage("{}");
    List<FailedShard> withLate = ShardFailures.of(job, List.of(late, reported));
    assertThat(withLate).extracting(FailedShard::getIndex).containsExactly(1, 2, 3);
    assertThat(withLate.get(2).getReason())
        .isEqualTo("left no summary: shard 3 started at X, after the measured window ended at Y");
    assertThat(ShardFailures.missingShare(lost.subList(1, 2), 4))
        .isEqualTo(
            "1 of 4 shards failed, their 25% of the planned load is missing from the results:"
                + " shard 2 (pod s-2-a) Evicted: The node was low on resource: memory.");
  }
}
