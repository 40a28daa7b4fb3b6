package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.contract.CatchUpFigures;
import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Figures;
import io.chatnet.contract.PhaseWindow;
import io.chatnet.contract.Plan;
import io.chatnet.contract.Summary;
import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.CatchUpResult;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.experiment.PlanConfigMap;
import io.chatnet.operator.reconciler.DstScenarioLifecycleTest.Truth;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * test-scenarios/experiment-mobile-catch-up.yaml on its network: the plan takes offline spells of
 * both client kinds and the three lengths, and status holds catch-up per client kind and offline
 * length merged over the shards as an independent computation over every spell's timing says.
 */
@LocalClusterTest
class MobileCatchUpLifecycleTest {
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

  /** A shard's summary: its spells per kind and length, every missed message arrived. */
  static Summary summary(Plan plan, int shard, Truth truth) {
    List<CatchUpFigures> catchUp = new ArrayList<>();
    for (String kind : plan.behaviours().offline().kinds()) {
      for (int seconds : plan.behaviours().offline().durationsSeconds()) {
        String key = "catchUp/" + kind + "/" + seconds;
        long spells = 20 + shard + seconds / 10;
        long missed = spells * (1 + seconds / 10);
        truth.count(key, spells, missed);
        catchUp.add(
            new CatchUpFigures(
                kind,
                seconds,
                spells,
                spells,
                spells,
                missed,
                missed,
                0,
                0.0,
                120,
                truth.time(key, spells, 200_000L * (1 + shard), 1_000L * seconds * 100)));
      }
    }
    long n = 200 + shard;
    Map<String, Figures> traffic =
        Map.of(
            "oneToOne",
            new Figures(n, 0, n, n, 0, 0, 0, n, 1.0, truth.time("traffic", n, 50_000, 900_000), 0));
    return new Summary(
            ContractJson.VERSION,
            plan.experiment(),
            shard,
            plan.startAt(),
            0,
            new Summary.Clients(plan.slice(shard).size(), plan.slice(shard).size(), 0, Map.of()),
            plan.traffic().oneToOne().pairs() / plan.shards(),
            0,
            Map.of(),
            traffic,
            Map.of("offline", 100, "offlineFailed", 0, "offlineUnsupported", 0),
            0,
            0,
            false,
            null,
            0)
        .withMeasurements(
            null,
            null,
            null,
            catchUp,
            Map.of(Summary.MEASURED_PHASE, new PhaseWindow(plan.measureFrom(), plan.endAt())),
            null);
  }

  @Test
  void catchUpPerClientKindAndOfflineLengthIsMergedIntoStatus(
      KubernetesClient client, TestNamespace ns) throws Exception {
    ChatNetwork network = Scenarios.manifest("private-groups-mobile.yaml", ns.name(), null);
    int pods = network.getSpec().getGroups().stream().mapToInt(g -> g.getReplicas()).sum();
    client.resource(network).create();
    ChatNetworkLifecycleTest.awaitPhase(
        client, ns, network.getMetadata().getName(), NetworkPhase.Ready, pods + "/" + pods);
    ChatExperiment experiment =
        Serialization.unmarshal(
            Files.readString(Scenarios.dir().resolve("experiment-mobile-catch-up.yaml")),
            ChatExperiment.class);
    experiment.getMetadata().setNamespace(ns.name());
    String name = experiment.getMetadata().getName();
    experiment.getSpec().setSetupSeconds(5);
    experiment.getSpec().setWarmupSeconds(0);
    experiment.getSpec().setDurationSeconds(10);
    client.resource(experiment).create();

    ChatExperimentLifecycleTest.awaitPhase(client, ns, name, ExperimentPhase.Preparing);
    Plan plan =
        ContractJson.readPlan(
            client
                .configMaps()
                .inNamespace(ns.name())
                .withName(name + "-plan")
                .get()
                .getData()
                .get(PlanConfigMap.KEY));
    Plan.Periodic offline = plan.behaviours().offline();
    assertThat(offline.kinds()).containsExactlyInAnyOrder("desktop", "mobile");
    assertThat(offline.durationsSeconds()).containsExactly(10, 30, 50);

    Truth truth = new Truth();
    Map<Integer, String> messages = new TreeMap<>();
    for (int s = 0; s < plan.shards(); s++) {
      messages.put(s, ContractJson.write(summary(plan, s, truth)));
    }
    await("past the window")
        .atMost(Duration.ofMinutes(1))
        .until(() -> Instant.now().isAfter(plan.endAt()));
    DstScenarioLifecycleTest.terminateShards(client, ns, name, plan.shards(), messages);
    ChatExperiment done =
        ChatExperimentLifecycleTest.awaitPhase(client, ns, name, ExperimentPhase.Succeeded);

    List<CatchUpResult> rows = done.getStatus().getResults().getOperations().getCatchUp();
    assertThat(rows)
        .extracting(r -> r.getClientKind() + "/" + r.getOfflineSeconds())
        .containsExactly(
            "desktop/10", "desktop/30", "desktop/50", "mobile/10", "mobile/30", "mobile/50");
    for (CatchUpResult row : rows) {
      String key = "catchUp/" + row.getClientKind() + "/" + row.getOfflineSeconds();
      long[] counts = truth.counts.get(key);
      assertThat(row.getSpells()).as(key).isEqualTo(counts[0]);
      assertThat(row.getMissed()).as(key).isEqualTo(counts[1]);
      assertThat(row.getNeverArrived()).as(key).isZero();
      truth.matches(row.getTime(), key);
    }
    assertThat(done.getStatus().getVerdict().getResult()).isEqualTo("Passed");
    assertThat(done.getStatus().getVerdict().getReasons())
        .anyMatch(
            l -> l.startsWith("catch-up (mobile, 50 s offline) p95 ms") && l.endsWith(": ok"));
    client.resource(network).delete();
  }
}
