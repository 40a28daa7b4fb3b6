package io.chatnet.operator.reconciler;

import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.awaitExperiment;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.awaitPhase;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.experiment;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.readyNetwork;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.reportSummaries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.ShardPods;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.FailedShard;
import io.chatnet.operator.experiment.ShardFailures;
import io.chatnet.operator.naming.ExperimentNames;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Experiments sharing a network on the local control plane: one at a time with the others queued in
 * a visible order, a deadline for an experiment whose network never becomes Ready or does not
 * exist, and shards that fail within and beyond their retry budget. Pods run no containers here:
 * the test writes what kubelets would (shard pods kept unschedulable so kwok leaves them alone).
 */
@LocalClusterTest
class SharedNetworkExperimentTest {
  static InProcessOperator operator;

  @BeforeAll
  static void startOperator(KubernetesClient client, TestNamespace ns) {
    Crds.install(client);
    operator = InProcessOperator.start(ns.name(), Duration.ofSeconds(2));
  }

  @AfterAll
  static void stopOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  static Optional<Condition> condition(ChatExperiment e, String type) {
    return e.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  @Test
  void aSecondExperimentQueuesBehindTheFirstAndStartsWhenItFinishes(
      KubernetesClient client, TestNamespace ns) throws Exception {
    readyNetwork(client, ns, "shared");
    client.resource(experiment(ns, "first", "shared", "")).create();
    awaitPhase(client, ns, "first", ExperimentPhase.Preparing);
    client.resource(experiment(ns, "second", "shared", "")).create();
    client.resource(experiment(ns, "third", "shared", "")).create();

    // (the position counts the line as it grows: 1 of 1 until third is seen, then 1 of 2)
    ChatExperiment second =
        awaitExperiment(
            client,
            ns,
            "second",
            "queued first of two",
            s ->
                s.getPhase() == ExperimentPhase.Queued
                    && s.getConditions().stream()
                        .anyMatch(c -> c.getMessage().endsWith("number 1 of 2 waiting")));
    Condition scheduled = condition(second, "Scheduled").orElseThrow();
    assertThat(scheduled.getStatus()).isEqualTo("False");
    assertThat(scheduled.getReason()).isEqualTo("NetworkBusy");
    assertThat(scheduled.getMessage())
        .isEqualTo(
            "experiment first is running on network shared; this one is number 1 of 2 waiting");
    ChatExperiment third = awaitPhase(client, ns, "third", ExperimentPhase.Queued);
    assertThat(condition(third, "Scheduled").orElseThrow().getMessage())
        .endsWith("number 2 of 2 waiting");
    assertThat(client.batch().v1().jobs().inNamespace(ns.name()).withName("second-loadgen").get())
        .isNull();
    await("a NetworkBusy event")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client.v1().events().inNamespace(ns.name()).list().getItems().stream()
                    .anyMatch(
                        e ->
                            "NetworkBusy".equals(e.getReason())
                                && "second".equals(e.getInvolvedObject().getName())));

    ChatExperiment first =
        awaitExperiment(client, ns, "first", "started", s -> s.getPlannedStart() != null);
    await("past the first's start")
        .atMost(Duration.ofSeconds(30))
        .until(() -> Instant.now().isAfter(Instant.parse(first.getStatus().getPlannedStart())));
    reportSummaries(client, ns, "first");
    ChatExperiment done = awaitPhase(client, ns, "first", ExperimentPhase.Succeeded);
    Instant finished = Instant.parse(done.getStatus().getCompletionTime());

    // The next in line starts; the one behind it now waits for it.
    ChatExperiment started = awaitPhase(client, ns, "second", ExperimentPhase.Preparing);
    assertThat(condition(started, "Scheduled").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(Duration.between(finished, Instant.parse(started.getStatus().getPlannedStart())))
        .isLessThan(Duration.ofSeconds(5 + 10));
    ChatExperiment stillQueued =
        awaitExperiment(
            client,
            ns,
            "third",
            "queued behind second",
            s ->
                s.getPhase() == ExperimentPhase.Queued
                    && s.getConditions().stream()
                        .anyMatch(
                            c ->
                                c.getMessage()
                                    .equals(
                                        "experiment second is running on network shared; this"
                                            + " one is number 1 of 1 waiting")));
    assertThat(stillQueued.getStatus().getPlannedStart()).isNull();

    // Deleting the running one hands the network on as well.
    client.resources(ChatExperiment.class).inNamespace(ns.name()).withName("second").delete();
    awaitPhase(client, ns, "third", ExperimentPhase.Preparing);
  }

  @Test
  void anExperimentWhoseNetworkIsNeverReadyFailsAtItsDeadlineNamingThePhase(
      KubernetesClient client, TestNamespace ns) {
    ChatNetwork stuck = Scenarios.manifest("smoke.yaml", ns.name(), "stuck-net");
    // The bootstrap node fits no node: the network never passes its first stage.
    stuck.getSpec().getGroups().get(0).setNodeSelector(Map.of("chatnet.io/nowhere", "true"));
    client.resource(stuck).create();
    client.resource(experiment(ns, "patient", "stuck-net", "  networkWaitSeconds: 10\n")).create();
    ChatExperiment waiting = awaitPhase(client, ns, "patient", ExperimentPhase.WaitingForNetwork);
    Condition ready = condition(waiting, "NetworkReady").orElseThrow();
    assertThat(ready.getReason()).isEqualTo("NotReady");
    assertThat(ready.getMessage())
        .startsWith("network stuck-net is ")
        .contains("(spec.networkWaitSeconds=10)");
    Instant since = Instant.parse(ready.getLastTransitionTime());

    ChatExperiment failed = awaitPhase(client, ns, "patient", ExperimentPhase.Failed);
    Condition reason = condition(failed, "Failed").orElseThrow();
    assertThat(reason.getReason()).isEqualTo("NetworkNotReady");
    ChatNetwork live =
        client.resources(ChatNetwork.class).inNamespace(ns.name()).withName("stuck-net").get();
    String readyMessage =
        live.getStatus().getConditions().stream()
            .filter(c -> c.getType().equals("Ready"))
            .findFirst()
            .orElseThrow()
            .getMessage();
    assertThat(reason.getMessage())
        .startsWith("network stuck-net is " + live.getStatus().getPhase())
        .contains(readyMessage)
        .endsWith("waited 10 s (spec.networkWaitSeconds)");
    Instant at = Instant.parse(failed.getStatus().getCompletionTime());
    assertThat(Duration.between(since, at))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(9))
        .isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void anExperimentWhoseNetworkDoesNotExistSaysSoAndFailsAtTheSameDeadline(
      KubernetesClient client, TestNamespace ns) {
    client.resource(experiment(ns, "lost", "nowhere", "  networkWaitSeconds: 10\n")).create();
    ChatExperiment waiting = awaitPhase(client, ns, "lost", ExperimentPhase.WaitingForNetwork);
    assertThat(condition(waiting, "NetworkReady").orElseThrow().getMessage())
        .startsWith(
            "network nowhere does not exist in namespace " + ns.name() + " (spec.networkRef.name)");
    ChatExperiment failed = awaitPhase(client, ns, "lost", ExperimentPhase.Failed);
    assertThat(condition(failed, "Failed").orElseThrow())
        .satisfies(c -> assertThat(c.getReason()).isEqualTo("NetworkNotFound"))
        .satisfies(c -> assertThat(c.getMessage()).contains("does not exist"));
    await("a Warning event")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client.v1().events().inNamespace(ns.name()).list().getItems().stream()
                    .anyMatch(
                        e ->
                            "Warning".equals(e.getType())
                                && "NetworkNotFound".equals(e.getReason())
                                && "lost".equals(e.getInvolvedObject().getName())));
  }

  @Test
  void aShardFailingBeyondItsRetriesLeavesPartialResultsWithTheShardNamed(
      KubernetesClient client, TestNamespace ns) throws Exception {
    readyNetwork(client, ns, "flaky");
    ChatExperiment e = experiment(ns, "partial", "flaky", "");
    // Shards that fit no node stay Pending: kwok leaves them to this test, which plays kubelet.
    e.getSpec()
        .getLoadGenerator()
        .setResources(
            new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("4000")).build());
    client.resource(e).create();
    ChatExperiment preparing = awaitPhase(client, ns, "partial", ExperimentPhase.Preparing);
    Job job = client.batch().v1().jobs().inNamespace(ns.name()).withName("partial-loadgen").get();
    assertThat(job.getSpec().getBackoffLimitPerIndex()).isEqualTo(1);
    assertThat(job.getSpec().getMaxFailedIndexes()).isEqualTo(2);

    terminate(client, ns, shardPods(client, ns, 0, 1).get(0), 0, "Completed", summary(0));
    Pod firstTry = shardPods(client, ns, 1, 1).get(0);
    terminate(client, ns, firstTry, 1, "Error", "cannot reach status-backend: timeout");

    // Within the budget: the Job starts shard 1 again, and the experiment carries on.
    Pod retry = shardPods(client, ns, 1, 2).get(1);
    assertThat(retry.getMetadata().getName()).isNotEqualTo(firstTry.getMetadata().getName());
    ChatExperiment live =
        client.resources(ChatExperiment.class).inNamespace(ns.name()).withName("partial").get();
    assertThat(live.getStatus().getPhase())
        .isIn(ExperimentPhase.Preparing, ExperimentPhase.Running);
    assertThat(client.batch().v1().jobs().inNamespace(ns.name()).withName("partial-loadgen").get())
        .isNotNull();

    // Beyond it: the Job fails that index, the experiment reports what the others measured.
    terminate(client, ns, retry, 137, "OOMKilled", "");
    ChatExperiment done = awaitPhase(client, ns, "partial", ExperimentPhase.Succeeded);
    assertThat(done.getStatus().getShards().getFailedShards())
        .singleElement()
        .satisfies(
            (FailedShard f) -> {
              assertThat(f.getIndex()).isEqualTo(1);
              assertThat(f.getPod()).isEqualTo(retry.getMetadata().getName());
              assertThat(f.getReason()).isEqualTo("exit code 137 (OOMKilled)");
            });
    assertThat(done.getStatus().getShards().getReported()).isEqualTo(1);
    assertThat(done.getStatus().getResults().getOneToOne().getSent()).isEqualTo(60);
    assertThat(done.getStatus().getVerdict().getResult()).isEqualTo("Incomplete");
    assertThat(done.getStatus().getVerdict().getReasons())
        .contains(
            "1 of 2 shards failed, their 50% of the planned load is missing from the results:"
                + " shard 1 (pod "
                + retry.getMetadata().getName()
                + ") exit code 137 (OOMKilled)");
    assertThat(condition(done, "ShardsComplete").orElseThrow())
        .satisfies(c -> assertThat(c.getStatus()).isEqualTo("False"))
        .satisfies(c -> assertThat(c.getReason()).isEqualTo("ShardsFailed"));
    // The finished Job stays, with its pods' logs.
    assertThat(client.batch().v1().jobs().inNamespace(ns.name()).withName("partial-loadgen").get())
        .isNotNull();
    assertThat(preparing.getStatus().getShards().getTotal()).isEqualTo(2);
  }

  static String summary(int shard) throws Exception {
    return ChatExperimentLifecycleTest.summaryJson("partial", shard);
  }

  /** Waits until shard {@code index} has {@code count} pods; returns them oldest first. */
  static List<Pod> shardPods(KubernetesClient client, TestNamespace ns, int index, int count) {
    Map<String, String> selector = Map.of(ExperimentNames.EXPERIMENT_LABEL, "partial");
    await("shard " + index + " pod " + count)
        .atMost(Duration.ofSeconds(60))
        .until(() -> pods(client, ns, selector, index).size() >= count);
    return pods(client, ns, selector, index);
  }

  private static List<Pod> pods(
      KubernetesClient client, TestNamespace ns, Map<String, String> selector, int index) {
    return client.pods().inNamespace(ns.name()).withLabels(selector).list().getItems().stream()
        .filter(
            p ->
                String.valueOf(index)
                    .equals(p.getMetadata().getAnnotations().get(ShardFailures.INDEX_ANNOTATION)))
        .sorted(
            java.util.Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp())
                .thenComparing(p -> p.getMetadata().getName()))
        .toList();
  }

  /** What the kubelet writes when the shard's container exits. */
  static void terminate(
      KubernetesClient client,
      TestNamespace ns,
      Pod pod,
      int exitCode,
      String reason,
      String message) {
    ShardPods.terminate(client, ns.name(), pod.getMetadata().getName(), exitCode, reason, message);
  }
}
