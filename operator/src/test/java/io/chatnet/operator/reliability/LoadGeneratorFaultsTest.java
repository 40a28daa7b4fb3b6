package io.chatnet.operator.reliability;

import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.awaitExperiment;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.awaitPhase;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.experiment;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.readyNetwork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.PhaseWindow;
import io.chatnet.contract.Summary;
import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.ShardPods;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.PartialShard;
import io.chatnet.operator.experiment.ExperimentPlan;
import io.chatnet.operator.experiment.PlanConfigMap;
import io.chatnet.operator.experiment.ShardFailures;
import io.chatnet.operator.naming.ExperimentNames;
import io.chatnet.operator.reconciler.Applier;
import io.chatnet.operator.reconciler.ChatExperimentLifecycleTest;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Load generator faults on the local control plane (issue 15 item 1): a shard's pod killed mid-run
 * and retried late (the test plays kubelet: the shards' pods ask for more CPU than any node has, so
 * they wait unscheduled and their ends are written here), and the JobMissing window (an operator
 * gone between writing the plan and creating the Job, back after the start instant).
 */
@LocalClusterTest
class LoadGeneratorFaultsTest {
  InProcessOperator operator;

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void aShardKilledMidRunAndRetriedLateIsNamedWithItsCoveredShareAndTheResultsKept(
      KubernetesClient client, TestNamespace ns) throws Exception {
    Crds.install(client);
    operator = InProcessOperator.start(ns.name(), Duration.ofSeconds(2));
    readyNetwork(client, ns, "killed");
    ChatExperiment e = experiment(ns, "kill", "killed", "");
    e.getSpec()
        .getLoadGenerator()
        .setResources(
            new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("4000")).build());
    // judged on what was measured, as long as 75% of the shard-windows were
    e.getSpec().getCriteria().setMinShardCoverage(0.75);
    client.resource(e).create();
    ChatExperiment preparing = awaitPhase(client, ns, "kill", ExperimentPhase.Preparing);
    Instant start = Instant.parse(preparing.getStatus().getPlannedStart());
    Instant end = start.plusSeconds(10); // warm-up 0, duration 10 s

    ShardPods.terminate(
        client,
        ns.name(),
        name(shardPods(client, ns, 0, 1).get(0)),
        0,
        "Completed",
        summary(0, start, end));
    // shard 1's pod is killed (SIGKILL: exit 137, no termination message, no summary)
    Pod killed = shardPods(client, ns, 1, 1).get(0);
    ShardPods.terminate(client, ns.name(), name(killed), 137, "Error", "");
    // the Job retries the index; the retry logs in again and measures the window's last 60%
    Pod retry = shardPods(client, ns, 1, 2).get(1);
    ShardPods.terminate(
        client, ns.name(), name(retry), 0, "Completed", summary(1, start.plusSeconds(4), end));

    ChatExperiment done = awaitPhase(client, ns, "kill", ExperimentPhase.Succeeded);
    var shards = done.getStatus().getShards();
    assertThat(shards.getFailedShards()).isEmpty();
    assertThat(shards.getReported()).isEqualTo(2);
    assertThat(shards.getCoveredShare()).isEqualTo(0.8);
    assertThat(shards.getPartialShards())
        .singleElement()
        .satisfies(
            (PartialShard p) -> {
              assertThat(p.getIndex()).isEqualTo(1);
              assertThat(p.getCoveredShare()).isEqualTo(0.6);
              assertThat(p.getMeasuredFrom()).isEqualTo(start.plusSeconds(4).toString());
              assertThat(p.getFailedAttempts())
                  .isEqualTo("pod " + name(killed) + ": exit code 137 (Error)");
            });
    // the killed attempt's sends count nowhere: the results are the two summaries' figures
    assertThat(done.getStatus().getResults().getOneToOne().getSent()).isEqualTo(120);
    assertThat(done.getStatus().getResults().getOneToOne().getLost()).isEqualTo(2);
    assertThat(done.getStatus().getVerdict().getResult()).isEqualTo("Passed");
    assertThat(done.getStatus().getVerdict().getReasons())
        .contains(
            "shard coverage 0.8000 >= 0.7500: ok",
            "partial: shards 1 (60%) measured less than the window; the results cover 80% of the"
                + " planned shard-windows");
    assertThat(condition(done, "WindowCovered"))
        .satisfies(c -> assertThat(c.getStatus()).isEqualTo("False"))
        .satisfies(c -> assertThat(c.getReason()).isEqualTo("PartialWindow"));
    awaitWarning(client, ns, "kill", "PartialWindow");
  }

  @Test
  void aPlanWrittenWithoutItsJobAndFoundAfterTheStartGetsANewStartAndOneJob(
      KubernetesClient client, TestNamespace ns) throws Exception {
    Crds.install(client);
    operator = InProcessOperator.start(ns.name(), Duration.ofSeconds(2));
    readyNetwork(client, ns, "jm");
    operator.close();
    operator = null;
    // What an operator SIGKILLed between its two writes leaves: the experiment, its plan
    // ConfigMap with a start instant (written as the operator writes it), no Job, no status.
    ChatExperiment e = client.resource(experiment(ns, "missed", "jm", "")).create();
    ChatNetwork network =
        client.resources(ChatNetwork.class).inNamespace(ns.name()).withName("jm").get();
    Instant missed = Instant.now().minusSeconds(5);
    new Applier(client)
        .apply(
            e,
            PlanConfigMap.build(
                e,
                ExperimentPlan.build(e, network, missed, Scenarios.DEFAULTS.clusterDomain()),
                missed),
            Optional.<ConfigMap>empty());
    String planUid =
        client
            .configMaps()
            .inNamespace(ns.name())
            .withName("missed-plan")
            .get()
            .getMetadata()
            .getUid();

    operator = InProcessOperator.start(ns.name(), Duration.ofSeconds(2));
    ChatExperiment refixed =
        awaitExperiment(client, ns, "missed", "a new start", s -> s.getPlannedStart() != null);
    Instant start = Instant.parse(refixed.getStatus().getPlannedStart());
    assertThat(start).isAfter(missed.plusSeconds(5));
    assertThat(condition(refixed, "StartRefixed"))
        .satisfies(c -> assertThat(c.getReason()).isEqualTo("StartMissed"))
        .satisfies(c -> assertThat(c.getMessage()).contains(missed.toString()));
    assertThat(refixed.getStatus().getConditions()).noneMatch(c -> "Failed".equals(c.getType()));
    awaitWarning(client, ns, "missed", "StartMissed");
    // the same plan object, now with the new start; exactly one Job
    ConfigMap plan = client.configMaps().inNamespace(ns.name()).withName("missed-plan").get();
    assertThat(plan.getMetadata().getUid()).isEqualTo(planUid);
    assertThat(PlanConfigMap.start(plan)).isEqualTo(start.toString());
    assertThat(ContractJson.readPlan(plan.getData().get(PlanConfigMap.KEY)).startAt())
        .isEqualTo(start);
    await("the Job")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                        .batch()
                        .v1()
                        .jobs()
                        .inNamespace(ns.name())
                        .withLabel(ExperimentNames.EXPERIMENT_LABEL, "missed")
                        .list()
                        .getItems()
                        .size()
                    == 1);
    // and it runs to its end as any run would
    ChatExperimentLifecycleTest.reportSummaries(client, ns, "missed");
    awaitPhase(client, ns, "missed", ExperimentPhase.Succeeded);
    assertThat(
            client
                .batch()
                .v1()
                .jobs()
                .inNamespace(ns.name())
                .withLabel(ExperimentNames.EXPERIMENT_LABEL, "missed")
                .list()
                .getItems())
        .hasSize(1);
  }

  static String summary(int shard, Instant from, Instant to) throws Exception {
    return summary("kill", shard, from, to);
  }

  /** A shard's summary (ChatExperimentLifecycleTest's figures) that measured [from, to]. */
  static String summary(String experiment, int shard, Instant from, Instant to) throws Exception {
    Summary s =
        ContractJson.readSummary(ChatExperimentLifecycleTest.summaryJson(experiment, shard));
    return ContractJson.write(
        s.withMeasurements(
            null,
            null,
            null,
            null,
            Map.of(Summary.MEASURED_PHASE, new PhaseWindow(from, to)),
            null));
  }

  static String name(Pod pod) {
    return pod.getMetadata().getName();
  }

  static Condition condition(ChatExperiment e, String type) {
    return e.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no condition " + type));
  }

  static void awaitWarning(KubernetesClient client, TestNamespace ns, String name, String reason) {
    await("a Warning event " + reason)
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                client.v1().events().inNamespace(ns.name()).list().getItems().stream()
                    .anyMatch(
                        ev ->
                            "Warning".equals(ev.getType())
                                && reason.equals(ev.getReason())
                                && name.equals(ev.getInvolvedObject().getName())));
  }

  static List<Pod> shardPods(KubernetesClient client, TestNamespace ns, int index, int count) {
    return shardPods(client, ns, "kill", index, count);
  }

  /** Waits until shard {@code index} has {@code count} pods; returns them oldest first. */
  static List<Pod> shardPods(
      KubernetesClient client, TestNamespace ns, String experiment, int index, int count) {
    await("shard " + index + " pod " + count)
        .atMost(Duration.ofSeconds(60))
        .until(() -> pods(client, ns, experiment, index).size() >= count);
    return pods(client, ns, experiment, index);
  }

  private static List<Pod> pods(
      KubernetesClient client, TestNamespace ns, String experiment, int index) {
    return client
        .pods()
        .inNamespace(ns.name())
        .withLabel(ExperimentNames.EXPERIMENT_LABEL, experiment)
        .list()
        .getItems()
        .stream()
        .filter(
            p ->
                String.valueOf(index)
                    .equals(p.getMetadata().getAnnotations().get(ShardFailures.INDEX_ANNOTATION)))
        .sorted(
            java.util.Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp())
                .thenComparing(p -> p.getMetadata().getName()))
        .toList();
  }
}
