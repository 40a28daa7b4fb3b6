package io.chatnet.operator.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Plan;
import io.chatnet.contract.Summary;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentCriteria;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.MetricsResults;
import io.chatnet.operator.api.TrafficMetrics;
import io.chatnet.operator.api.TrafficResult;
import io.chatnet.operator.api.Verdict;
import io.chatnet.operator.identity.TrafficSeed;
import io.chatnet.operator.naming.ExperimentNames;
import io.chatnet.operator.network.NwakuArgs;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentBuildersTest {
  final ChatNetwork network = Scenarios.network("private-groups-mobile.yaml", "lab");
  final ChatExperiment experiment = experiment("experiment-private-groups.yaml");
  final Instant start = Instant.parse("2026-11-26T12:00:00Z");

  static ChatExperiment experiment(String file) {
    try {
      ChatExperiment e =
          Serialization.unmarshal(
              Files.readString(Scenarios.dir().resolve(file)), ChatExperiment.class);
      e.getMetadata().setNamespace("lab");
      e.getMetadata().setUid("00000000-0000-0000-0000-000000000002");
      return e;
    } catch (java.io.IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
  }

  @Test
  void theOperatorsPlanIsWhatTheLoadGeneratorReads() throws Exception {
    ConfigMap cm =
        PlanConfigMap.build(
            experiment, ExperimentPlan.build(experiment, network, start, "cluster.local"), start);
    assertThat(cm.getMetadata().getAnnotations())
        .containsEntry(PlanConfigMap.START_ANNOTATION, start.toString());
    Plan plan = ContractJson.readPlan(cm.getData().get(PlanConfigMap.KEY));
    assertThat(plan.startAt()).isEqualTo(start);
    assertThat(plan.shards()).isEqualTo(2);
    assertThat(plan.warmupSeconds()).isEqualTo(60);
    assertThat(plan.durationSeconds()).isEqualTo(600);
    assertThat(plan.allClients()).hasSize(200);
    assertThat(plan.allClients().get(0).name()).isEqualTo("groups-mobile-desktop-0");
    assertThat(plan.allClients().get(0).url())
        .isEqualTo(
            "http://groups-mobile-desktop-0.groups-mobile-desktop.lab.svc.cluster.local:3333");
    assertThat(plan.allClients().get(150).kind()).isEqualTo("mobile");
    assertThat(plan.traffic().privateGroups().membersPerGroup()).isEqualTo(5);
    assertThat(plan.traffic().privateGroups().messagesPerMinute()).isEqualTo(2.0);
    assertThat(plan.behaviours().offline().fraction()).isEqualTo(0.2);
    assertThat(plan.clientSettings().fleet()).isEqualTo("chatnet");
    assertThat(plan.clientSettings().backup()).isFalse();
    assertThat(plan.clientSettings().statusUpdates()).isFalse();
    assertThat(plan.clientSettings().missingMessageVerification()).isTrue();
    assertThat(plan.relayNodes()).hasSize(64).allMatch(u -> u.endsWith(":8645"));
    // the experiment names no seed: one derived from the network's, never the network's itself
    assertThat(plan.seed())
        .isEqualTo(TrafficSeed.fromNetworkSeed("groups-mobile"))
        .isNotEqualTo(TrafficSeed.fromNetworkSeed("groups-mobile-2"))
        .doesNotContain("groups-mobile");
    // the shards' PodMonitor interval, for their post-window wait
    assertThat(plan.scrapeIntervalSeconds()).isEqualTo(15);
    // Relay load goes to the network's static shards, read back with the cache the nodes run.
    assertThat(plan.waku().clusterId()).isEqualTo(network.getSpec().getClusterId());
    assertThat(plan.waku().shards()).isEqualTo(network.getSpec().getShards());
    assertThat(plan.waku().cacheCapacity())
        .isEqualTo(NwakuArgs.REST_RELAY_CACHE_CAPACITY)
        .isEqualTo(500);
    assertThat(plan.waku().pubsubTopics())
        .allMatch(t -> t.startsWith("/waku/2/rs/" + network.getSpec().getClusterId() + "/"));
    // The load generator accepts the plan (the same layout check the operator makes).
    assertThat(io.chatnet.loadgen.plan.Assignment.problems(plan)).isEmpty();
  }

  @Test
  void oneIndexedJobWhosePodsAreTheShards() {
    Job job = LoadGeneratorJob.build(experiment, Scenarios.DEFAULTS);
    assertThat(job.getMetadata().getName()).isEqualTo("private-groups-loadgen");
    assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
    assertThat(job.getSpec().getCompletions()).isEqualTo(2);
    assertThat(job.getSpec().getParallelism()).isEqualTo(2);
    // a failed shard is retried once by default, and no number of lost shards stops the others
    assertThat(job.getSpec().getBackoffLimit()).isNull();
    assertThat(job.getSpec().getBackoffLimitPerIndex()).isEqualTo(1);
    assertThat(job.getSpec().getMaxFailedIndexes()).isEqualTo(job.getSpec().getCompletions());
    assertThat(job.getSpec().getActiveDeadlineSeconds())
        .isEqualTo(LoadGeneratorJob.deadlineSeconds(experiment.getSpec(), Scenarios.DEFAULTS))
        .isGreaterThan(60 + 60 + 600);
    var pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    var container = pod.getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("chatnet/loadgen:test");
    assertThat(container.getArgs()).containsSequence("--plan", "/etc/chatnet/plan/plan.json");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(job.getMetadata().getLabels())
        .containsEntry(ExperimentNames.EXPERIMENT_LABEL, "private-groups");
  }

  static Summary summary(long sent, long expected, long received, double p95) throws Exception {
    return ContractJson.readSummary(
        """
            {"contractVersion": 1, "clients": {"assigned": 10, "ready": 9}, "startSkewMillis": 12,
             "behaviours": {"offline": 4, "offlineFailed": 1, "offlineUnsupported": 0,
               "background": 0, "backgroundFailed": 0, "backgroundUnsupported": 0, "failed": 1},
             "traffic": {"oneToOne": {"sent": %d, "failed": 1, "expected": %d, "received": %d,
               "duplicates": 2, "late": 0, "lost": %d, "unknown": 3,
               "latencyMillis": {"p50": 40.0, "p95": %f, "p99": 300.0, "max": 900.0}}}}
            """
            .formatted(sent, expected, received, expected - received, p95));
  }

  @Test
  void shardSummariesAddUpAndPercentilesAreUpperBounds() throws Exception {
    ExperimentResults results =
        SummaryAggregator.aggregate(
            List.of(summary(100, 100, 99, 120.0), summary(50, 50, 50, 180.0)));
    TrafficResult r = results.getOneToOne();
    assertThat(r.getSent()).isEqualTo(150);
    assertThat(r.getExpected()).isEqualTo(150);
    assertThat(r.getReceived()).isEqualTo(149);
    assertThat(r.getLost()).isEqualTo(1);
    assertThat(r.getFailed()).isEqualTo(2);
    assertThat(r.getDuplicates()).isEqualTo(4);
    assertThat(r.getUnknown()).isEqualTo(6);
    assertThat(results.getOffline().getApplied()).isEqualTo(8);
    assertThat(results.getOffline().getFailed()).isEqualTo(2);
    assertThat(results.getBackground()).isNull(); // never ran: no row, not zeros
    assertThat(r.getDeliveryRatio()).isEqualTo(149.0 / 150);
    assertThat(r.getLatencyP95Millis()).isEqualTo(180.0);
    assertThat(results.getPrivateGroups()).isNull();
    assertThat(results.getClientsReady()).isEqualTo("18/20");
  }

  @Test
  void theVerdictNamesEachCriterion() throws Exception {
    ExperimentResults results = SummaryAggregator.aggregate(List.of(summary(100, 100, 97, 150.0)));
    ExperimentCriteria criteria = new ExperimentCriteria();
    criteria.setMinDeliveryRatio(0.99);
    criteria.setMaxLatencyP95Millis(200.0);
    Verdict verdict = VerdictJudge.judge(criteria, results);
    assertThat(verdict.getResult()).isEqualTo(VerdictJudge.FAILED);
    assertThat(verdict.getReasons())
        .containsExactly(
            "oneToOne delivery ratio 0.9700 >= 0.9900: missed",
            "oneToOne latency p95 ms 150.0 <= 200.0: ok");
    criteria.setMinDeliveryRatio(0.95);
    assertThat(VerdictJudge.judge(criteria, results).getResult()).isEqualTo(VerdictJudge.PASSED);
    assertThat(VerdictJudge.judge(null, results).getResult()).isEqualTo(VerdictJudge.NO_CRITERIA);
    assertThat(VerdictJudge.judge(criteria, new ExperimentResults()).getResult())
        .isEqualTo(VerdictJudge.FAILED);
  }

  @Test
  void theVerdictPrefersMergedHistogramLatencyPerClientKind() throws Exception {
    ExperimentResults results = SummaryAggregator.aggregate(List.of(summary(100, 100, 99, 150.0)));
    ExperimentCriteria criteria = new ExperimentCriteria();
    criteria.setMaxLatencyP95Millis(200.0);
    MetricsResults metrics = new MetricsResults();
    metrics.getTraffic().add(latencyRow("oneToOne", "desktop", 120.0));
    metrics.getTraffic().add(latencyRow("oneToOne", "mobile", 260.0));
    metrics.getTraffic().add(latencyRow("relay", "relay", null));
    results.setMetrics(metrics);
    Verdict verdict = VerdictJudge.judge(criteria, results);
    assertThat(verdict.getResult()).isEqualTo(VerdictJudge.FAILED);
    assertThat(verdict.getReasons())
        .containsExactly(
            "oneToOne/desktop latency p95 ms (merged histogram) 120.0 <= 200.0: ok",
            "oneToOne/mobile latency p95 ms (merged histogram) 260.0 <= 200.0: missed");
    // Rows without latency (no receipts in the window) leave the summaries' figure in charge.
    metrics.getTraffic().clear();
    metrics.getTraffic().add(latencyRow("oneToOne", "desktop", null));
    assertThat(VerdictJudge.judge(criteria, results).getReasons())
        .containsExactly("oneToOne latency p95 ms 150.0 <= 200.0: ok");
  }

  static TrafficMetrics latencyRow(String kind, String clientKind, Double p95) {
    TrafficMetrics row = new TrafficMetrics();
    row.setKind(kind);
    row.setClientKind(clientKind);
    row.setLatencyP95Millis(p95);
    return row;
  }

  @Test
  void podKillVictimsAreASeededChoiceOfTheGroup() {
    assertThat(FaultInjector.victims(experiment, 0, 196, 20))
        .hasSize(20)
        .doesNotHaveDuplicates()
        .allMatch(i -> i >= 0 && i < 196)
        .isEqualTo(FaultInjector.victims(experiment, 0, 196, 20));
  }
}
