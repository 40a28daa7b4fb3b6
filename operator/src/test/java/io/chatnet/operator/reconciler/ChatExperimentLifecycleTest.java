package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Figures;
import io.chatnet.contract.LatencyHistograms;
import io.chatnet.contract.LatencySummary;
import io.chatnet.contract.Plan;
import io.chatnet.contract.Summary;
import io.chatnet.loadgen.client.Json;
import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.ShardPods;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.experiment.PlanConfigMap;
import io.chatnet.operator.naming.ExperimentNames;
import io.chatnet.operator.report.ExperimentReport;
import io.chatnet.operator.report.ReportConfigMap;
import io.chatnet.operator.report.ReportJson;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ChatExperiments on the local control plane. Pods run no containers here, so the test plays the
 * load generator's part: once kwok has completed a shard's pod, the test writes the summary the
 * shard would have left as its termination message (built from the contract's Summary type).
 */
@LocalClusterTest
public class ChatExperimentLifecycleTest {
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

  public static ChatExperiment experiment(
      TestNamespace ns, String name, String network, String extra) {
    String yaml =
        """
        apiVersion: chatnet.io/v1alpha1
        kind: ChatExperiment
        metadata: {name: %s, namespace: %s}
        spec:
          networkRef: {name: %s}
          setupSeconds: 5
          warmupSeconds: 0
          durationSeconds: 10
          traffic:
            oneToOne: {pairs: 3, messagesPerMinute: 60}
          loadGenerator: {replicas: 2}
          criteria: {minDeliveryRatio: 0.9, maxLatencyP95Millis: 500}
        %s"""
            .formatted(name, ns.name(), network, extra);
    return Serialization.unmarshal(yaml, ChatExperiment.class);
  }

  public static ChatExperiment awaitPhase(
      KubernetesClient client, TestNamespace ns, String name, ExperimentPhase phase) {
    return awaitExperiment(client, ns, name, String.valueOf(phase), e -> e.getPhase() == phase);
  }

  /** Polls the experiment until its status satisfies {@code until}; returns what it saw then. */
  public static ChatExperiment awaitExperiment(
      KubernetesClient client,
      TestNamespace ns,
      String name,
      String what,
      Predicate<ChatExperimentStatus> until) {
    AtomicReference<ChatExperiment> seen = new AtomicReference<>();
    await(name + " " + what)
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> {
              ChatExperiment live =
                  client
                      .resources(ChatExperiment.class)
                      .inNamespace(ns.name())
                      .withName(name)
                      .get();
              seen.set(live);
              return live != null && live.getStatus() != null && until.test(live.getStatus());
            });
    return seen.get();
  }

  public static void readyNetwork(KubernetesClient client, TestNamespace ns, String name) {
    client.resource(Scenarios.manifest("smoke.yaml", ns.name(), name)).create();
    ChatNetworkLifecycleTest.awaitPhase(client, ns, name, NetworkPhase.Ready, "16/16");
  }

  /** What a shard reports: 60 sent in the window, all delivered but one, p95 of 120 ms. */
  public static String summaryJson(String experiment, int shard) throws Exception {
    Figures figures =
        new Figures(
            60, 0, 60, 59, 1, 0, 1, 58, 59 / 60.0, new LatencySummary(40, 120, 250, 400, 55), 0);
    Summary summary =
        new Summary(
            ContractJson.VERSION,
            experiment,
            shard,
            Instant.now(),
            15 + shard,
            new Summary.Clients(3, 3, 0, Map.of()),
            1,
            0,
            Map.of(),
            Map.of("oneToOne", figures),
            Map.of("offline", 0),
            0,
            0,
            false,
            null,
            0);
    return Json.MAPPER.writeValueAsString(summary);
  }

  /** Plays the shards' part: writes each completed pod's termination message. */
  public static void reportSummaries(KubernetesClient client, TestNamespace ns, String experiment)
      throws Exception {
    reportSummaries(client, ns, experiment, shard -> summaryJson(experiment, shard));
  }

  interface ShardMessage {
    String of(int shard) throws Exception;
  }

  /** As above, with the message each shard leaves. */
  static void reportSummaries(
      KubernetesClient client, TestNamespace ns, String experiment, ShardMessage messages)
      throws Exception {
    Map<String, String> selector = Map.of(ExperimentNames.EXPERIMENT_LABEL, experiment);
    await("shard pods completed by kwok")
        .atMost(Duration.ofMinutes(1))
        .until(
            () -> {
              List<Pod> pods =
                  client.pods().inNamespace(ns.name()).withLabels(selector).list().getItems();
              return pods.size() == 2
                  && pods.stream().allMatch(p -> "Succeeded".equals(p.getStatus().getPhase()));
            });
    for (Pod pod : client.pods().inNamespace(ns.name()).withLabels(selector).list().getItems()) {
      int shard =
          Integer.parseInt(
              pod.getMetadata().getAnnotations().get("batch.kubernetes.io/job-completion-index"));
      String message = messages.of(shard);
      ShardPods.terminate(client, ns.name(), pod.getMetadata().getName(), 0, "Completed", message);
    }
  }

  @Test
  void runsThroughItsPhasesAppliesFaultsAndReportsAVerdict(
      KubernetesClient client, TestNamespace ns) throws Exception {
    readyNetwork(client, ns, "lab");
    String faults =
        "  faults:\n"
            + "  - {type: podKill, group: relay, fraction: 0.25, atSeconds: 1}\n"
            + "  - {type: delay, group: relay, fraction: 0.5, atSeconds: 2, durationSeconds: 5,"
            + " latencyMillis: 100}\n";
    client.resource(experiment(ns, "exp", "lab", faults)).create();

    ChatExperiment preparing = awaitPhase(client, ns, "exp", ExperimentPhase.Preparing);
    Instant start = Instant.parse(preparing.getStatus().getPlannedStart());
    Job job = client.batch().v1().jobs().inNamespace(ns.name()).withName("exp-loadgen").get();
    assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
    assertThat(job.getSpec().getCompletions()).isEqualTo(2);
    var planMap = client.configMaps().inNamespace(ns.name()).withName("exp-plan").get();
    assertThat(planMap.getMetadata().getAnnotations())
        .containsEntry(PlanConfigMap.START_ANNOTATION, start.toString());
    Plan plan = Json.MAPPER.readValue(planMap.getData().get(PlanConfigMap.KEY), Plan.class);
    assertThat(plan.startAt()).isEqualTo(start);
    assertThat(plan.allClients()).hasSize(6); // 4 desktop + 2 mobile clients of the smoke network

    await("past the start and the faults")
        .atMost(Duration.ofSeconds(30))
        .until(() -> Instant.now().isAfter(start.plusSeconds(3)));
    reportSummaries(client, ns, "exp");
    ChatExperiment done = awaitPhase(client, ns, "exp", ExperimentPhase.Succeeded);

    var results = done.getStatus().getResults().getOneToOne();
    assertThat(results.getSent()).isEqualTo(120);
    assertThat(results.getReceived()).isEqualTo(118);
    assertThat(results.getDeliveryRatio()).isEqualTo(118 / 120.0);
    assertThat(results.getLatencyP95Millis()).isEqualTo(120.0);
    assertThat(done.getStatus().getShards().getReported()).isEqualTo(2);
    assertThat(done.getStatus().getShards().getMaxStartSkewMillis()).isEqualTo(16);
    assertThat(done.getStatus().getVerdict().getResult()).isEqualTo("Passed");
    assertThat(done.getStatus().getFaultLog())
        .hasSize(2)
        .satisfies(log -> assertThat(log.get(0)).startsWith("0: podKill deleted 2 pods of relay"))
        .satisfies(log -> assertThat(log.get(1)).contains("skipped: Chaos Mesh is not installed"));
    assertThat(done.getStatus().getConditions())
        .anyMatch(
            c ->
                c.getType().equals("FaultsAvailable")
                    && c.getStatus().equals("False")
                    && c.getReason().equals("ChaosMeshNotInstalled"));

    ExperimentReport report = awaitReport(client, ns, done);
    assertThat(report.outcome().verdict().getResult()).isEqualTo("Passed");
    assertThat(report.outcome().results().getOneToOne().getReceived()).isEqualTo(118);
    assertThat(report.experiment().windowEnd()).isEqualTo(done.getStatus().getWindowEnd());
    assertThat(report.network().users()).isEqualTo(6);
    assertThat(report.network().features())
        .filteredOn(f -> f.name().equals("Status broadcasts"))
        .singleElement()
        .satisfies(f -> assertThat(f.enabled()).isFalse());
    assertThat(report.network().fixed())
        .extracting(ExperimentReport.Fixed::name)
        .contains("Communities", "Store confirmation");
  }

  /**
   * Waits for the report ConfigMap named in status, checks it is owned by the experiment and holds
   * both files, and returns its report.json.
   */
  static ExperimentReport awaitReport(
      KubernetesClient client, TestNamespace ns, ChatExperiment experiment) {
    String name = experiment.getMetadata().getName();
    await(name + " report named in status")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                (name + "-report")
                    .equals(
                        client
                            .resources(ChatExperiment.class)
                            .inNamespace(ns.name())
                            .withName(name)
                            .get()
                            .getStatus()
                            .getReportConfigMap()));
    ConfigMap map = client.configMaps().inNamespace(ns.name()).withName(name + "-report").get();
    assertThat(map).as("report ConfigMap").isNotNull();
    assertThat(map.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getKind()).isEqualTo("ChatExperiment");
              assertThat(o.getUid()).isEqualTo(experiment.getMetadata().getUid());
              assertThat(o.getController()).isTrue();
            });
    assertThat(map.getData()).containsOnlyKeys(ReportConfigMap.JSON_KEY, ReportConfigMap.HTML_KEY);
    assertThat(map.getData().get(ReportConfigMap.HTML_KEY))
        .startsWith("<!DOCTYPE html>")
        .contains("Experiment " + ns.name() + "/" + name);
    return ReportJson.read(
        map.getData().get(ReportConfigMap.JSON_KEY), map.getMetadata().getName());
  }

  @Test
  void aJobDeletedBeforeTheStartInstantIsWrittenAgain(KubernetesClient client, TestNamespace ns) {
    readyNetwork(client, ns, "patient");
    ChatExperiment early = experiment(ns, "early", "patient", "");
    early.getSpec().setSetupSeconds(60);
    client.resource(early).create();
    ChatExperiment preparing = awaitPhase(client, ns, "early", ExperimentPhase.Preparing);
    var jobs = client.batch().v1().jobs().inNamespace(ns.name()).withName("early-loadgen");
    await("the Job").atMost(Duration.ofSeconds(30)).until(() -> jobs.get() != null);
    String firstUid = jobs.get().getMetadata().getUid();

    jobs.withTimeout(30, java.util.concurrent.TimeUnit.SECONDS).delete();

    // Before the start instant a missing Job is the operator's to write again (this is also what
    // an informer that has not yet seen a fresh Job looks like), not a failure.
    await("the Job written again")
        .atMost(Duration.ofSeconds(30))
        .until(() -> jobs.get() != null && !jobs.get().getMetadata().getUid().equals(firstUid));
    ChatExperiment live =
        client.resources(ChatExperiment.class).inNamespace(ns.name()).withName("early").get();
    // kwok completes a Job's pods at once (a real shard waits for the start instant), so the
    // rewritten Job may already be Complete and the experiment Analyzing by now; what matters is
    // that the missing Job was not a failure and the start instant stayed.
    assertThat(live.getStatus().getPhase())
        .isIn(ExperimentPhase.Preparing, ExperimentPhase.Analyzing);
    assertThat(live.getStatus().getConditions()).noneMatch(c -> c.getType().equals("Failed"));
    assertThat(live.getStatus().getPlannedStart())
        .isEqualTo(preparing.getStatus().getPlannedStart());
    client.resource(live).delete();
  }

  /** Shard {@code shard}'s 59 receipts: 10 ms apart from 10 ms for shard 0, 30 ms for shard 1. */
  static long[] latenciesMicros(int shard) {
    long[] micros = new long[59];
    for (int i = 0; i < micros.length; i++) {
      micros[i] = (10 + i * (shard == 0 ? 10 : 30)) * 1000L + 137;
    }
    return micros;
  }

  static String summaryWithHistogram(String experiment, int shard) {
    Histogram histogram = LatencyHistograms.create();
    for (long micros : latenciesMicros(shard)) {
      LatencyHistograms.record(histogram, micros);
    }
    Figures figures =
        new Figures(60, 0, 60, 59, 0, 0, 1, 59, 59 / 60.0, LatencySummary.of(histogram), 0);
    return ContractJson.write(
        new Summary(
            ContractJson.VERSION,
            experiment,
            shard,
            Instant.now(),
            0,
            new Summary.Clients(3, 3, 0, Map.of()),
            1,
            0,
            Map.of(),
            Map.of("oneToOne", figures),
            Map.of(),
            0,
            0,
            false,
            null,
            0));
  }

  @Test
  void statusHoldsThePercentilesOfEveryShardsReceiptsMerged(
      KubernetesClient client, TestNamespace ns) throws Exception {
    readyNetwork(client, ns, "merged-net");
    client.resource(experiment(ns, "merged", "merged-net", "")).create();
    ChatExperiment preparing = awaitPhase(client, ns, "merged", ExperimentPhase.Preparing);
    Instant start = Instant.parse(preparing.getStatus().getPlannedStart());
    await("past the start")
        .atMost(Duration.ofSeconds(30))
        .until(() -> Instant.now().isAfter(start.plusSeconds(1)));
    reportSummaries(client, ns, "merged", shard -> summaryWithHistogram("merged", shard));
    ChatExperiment done = awaitPhase(client, ns, "merged", ExperimentPhase.Succeeded);

    // An independent computation: nearest rank over both shards' receipts.
    long[] all =
        java.util.stream.LongStream.concat(
                java.util.Arrays.stream(latenciesMicros(0)),
                java.util.Arrays.stream(latenciesMicros(1)))
            .sorted()
            .toArray();
    var results = done.getStatus().getResults().getOneToOne();
    for (double[] q :
        new double[][] {
          {0.50, results.getLatencyP50Millis()},
          {0.95, results.getLatencyP95Millis()},
          {0.99, results.getLatencyP99Millis()}
        }) {
      double exact = all[(int) Math.ceil(q[0] * all.length) - 1] / 1000.0;
      assertThat(q[1]).as("p%s", q[0] * 100).isCloseTo(exact, within(exact * 0.01));
    }
    // Shard 1 alone has p50 = 880 ms; the merged p50 is the whole experiment's.
    assertThat(results.getLatencyP50Millis()).isLessThan(500);
  }

  @Test
  void aSummaryOfAnUnknownContractVersionFailsTheExperimentNamingIt(
      KubernetesClient client, TestNamespace ns) throws Exception {
    readyNetwork(client, ns, "future-net");
    client.resource(experiment(ns, "future", "future-net", "")).create();
    ChatExperiment preparing = awaitPhase(client, ns, "future", ExperimentPhase.Preparing);
    Instant start = Instant.parse(preparing.getStatus().getPlannedStart());
    await("past the start")
        .atMost(Duration.ofSeconds(30))
        .until(() -> Instant.now().isAfter(start.plusSeconds(1)));
    reportSummaries(
        client,
        ns,
        "future",
        shard ->
            shard == 0
                ? summaryJson("future", 0)
                : "{\"contractVersion\": 99, \"shard\": 1, \"traffic\": {}}");
    ChatExperiment failed = awaitPhase(client, ns, "future", ExperimentPhase.Failed);
    assertThat(failed.getStatus().getConditions())
        .anyMatch(
            c ->
                c.getType().equals("Failed")
                    && c.getReason().equals("SummaryVersionUnknown")
                    && c.getMessage().contains("shard 1")
                    && c.getMessage().contains("contractVersion 99")
                    && c.getMessage().contains("knows contractVersion [1, 2]"));
  }

  @Test
  void aRunPastItsDeadlineFailsAndItsJobIsRemoved(KubernetesClient client, TestNamespace ns) {
    readyNetwork(client, ns, "slow");
    // Shards that ask for more CPU than any node has stay Pending: the Job never finishes.
    ChatExperiment stuck = experiment(ns, "stuck", "slow", "");
    stuck
        .getSpec()
        .getLoadGenerator()
        .setResources(
            new io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder()
                .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("4000"))
                .build());
    client.resource(stuck).create();
    ChatExperiment failed = awaitPhase(client, ns, "stuck", ExperimentPhase.Failed);
    assertThat(failed.getStatus().getConditions())
        .anyMatch(c -> c.getType().equals("Failed") && c.getReason().equals("DeadlineExceeded"));
    ExperimentReport report = awaitReport(client, ns, failed);
    assertThat(report.experiment().phase()).isEqualTo("Failed");
    assertThat(report.outcome().verdict()).isNull();
    assertThat(report.outcome().conditions())
        .anyMatch(c -> c.type().equals("Failed") && c.reason().equals("DeadlineExceeded"));
    await("the load generator Job is cleaned up")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client.batch().v1().jobs().inNamespace(ns.name()).withName("stuck-loadgen").get()
                    == null);
  }

  @Test
  void waitsForItsNetworkThenFailsWhenTheNetworkIsDeleted(
      KubernetesClient client, TestNamespace ns) {
    client.resource(experiment(ns, "orphan", "later", "")).create();
    ChatExperiment waiting = awaitPhase(client, ns, "orphan", ExperimentPhase.WaitingForNetwork);
    assertThat(waiting.getStatus().getConditions())
        .anyMatch(c -> c.getType().equals("NetworkReady") && c.getReason().equals("NotFound"));

    readyNetwork(client, ns, "later");
    awaitPhase(client, ns, "orphan", ExperimentPhase.Preparing);
    assertThat(client.batch().v1().jobs().inNamespace(ns.name()).withName("orphan-loadgen").get())
        .isNotNull();

    client.resources(ChatNetwork.class).inNamespace(ns.name()).withName("later").delete();
    ChatExperiment failed = awaitPhase(client, ns, "orphan", ExperimentPhase.Failed);
    assertThat(failed.getStatus().getConditions())
        .anyMatch(c -> c.getType().equals("Failed") && c.getReason().equals("NetworkDeleted"));
    await("the load generator Job is cleaned up")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client.batch().v1().jobs().inNamespace(ns.name()).withName("orphan-loadgen").get()
                    == null);
  }

  @Test
  void trafficTheNetworkCannotFormFailsBeforeTheRunWithAConditionAndAWarning(
      KubernetesClient client, TestNamespace ns) {
    // smoke.yaml has 6 status-backend clients; 4 pairs need 8. Refused without waiting for Ready.
    client.resource(Scenarios.manifest("smoke.yaml", ns.name(), "small")).create();
    ChatExperiment tooMany = experiment(ns, "too-many", "small", "");
    tooMany.getSpec().getTraffic().getOneToOne().setPairs(4);
    client.resource(tooMany).create();
    Instant created = Instant.now();
    ChatExperiment failed = awaitPhase(client, ns, "too-many", ExperimentPhase.Failed);
    assertThat(Duration.between(created, Instant.now())).isLessThan(Duration.ofSeconds(15));
    assertThat(failed.getStatus().getConditions())
        .anyMatch(
            c ->
                c.getType().equals("Failed")
                    && c.getReason().equals("InvalidTraffic")
                    && c.getMessage()
                        .equals(
                            "spec.traffic.oneToOne.pairs=4 needs 8 clients (a client chats in at"
                                + " most one pair or group), network small has 6 status-backend"
                                + " clients"));
    await("a Warning event for the refusal")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client.v1().events().inNamespace(ns.name()).list().getItems().stream()
                    .anyMatch(
                        e ->
                            "Warning".equals(e.getType())
                                && "InvalidTraffic".equals(e.getReason())
                                && "too-many".equals(e.getInvolvedObject().getName())));
    // Nothing ran: no plan, no Job.
    assertThat(client.batch().v1().jobs().inNamespace(ns.name()).withName("too-many-loadgen").get())
        .isNull();
    assertThat(
            client
                .configMaps()
                .inNamespace(ns.name())
                .withName(ExperimentNames.planConfigMap(failed))
                .get())
        .isNull();
  }
}
