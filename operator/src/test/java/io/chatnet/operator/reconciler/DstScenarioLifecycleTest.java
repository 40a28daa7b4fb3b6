package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.chatnet.contract.ContactRequestFigures;
import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Figures;
import io.chatnet.contract.GroupCreationFigures;
import io.chatnet.contract.LatencyHistograms;
import io.chatnet.contract.LatencySummary;
import io.chatnet.contract.OperationFigures;
import io.chatnet.contract.PhaseWindow;
import io.chatnet.contract.Plan;
import io.chatnet.contract.Summary;
import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.ShardPods;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ContactRequestResult;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.LatencyPercentiles;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.api.OperationResults;
import io.chatnet.operator.experiment.OperationMergeTest;
import io.chatnet.operator.experiment.PlanConfigMap;
import io.chatnet.operator.naming.ExperimentNames;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DST's private-chat scenarios (test-scenarios/dst-*) on the local control plane: each network as
 * the file has it, each experiment as the file has it but with short setup, phases and window, run
 * through its phases by the in-process operator. The test plays the load generator's part: it reads
 * the plan the operator wrote and leaves, per shard, the version-2 summary a shard would (logins,
 * contact requests, group creations, phases, roles, chat figures), then checks that status holds
 * the figures merged as an independent computation over every shard's counts and timings says.
 */
@LocalClusterTest
class DstScenarioLifecycleTest {
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

  /** The independent side: every count and timing the test hands the shards, by measurement. */
  static final class Truth {
    final Map<String, long[]> counts = new TreeMap<>();
    final Map<String, List<Long>> timings = new TreeMap<>();
    final Random random = new Random(16);

    LatencySummary time(String key, long n, long baseMicros, long spreadMicros) {
      if (n == 0) {
        return null;
      }
      Histogram h = LatencyHistograms.create();
      for (int i = 0; i < n; i++) {
        long micros = baseMicros + (long) (random.nextDouble() * spreadMicros);
        LatencyHistograms.record(h, micros);
        timings.computeIfAbsent(key, k -> new ArrayList<>()).add(micros);
      }
      return LatencySummary.of(h);
    }

    void count(String key, long... values) {
      long[] sums = counts.computeIfAbsent(key, k -> new long[values.length]);
      for (int i = 0; i < values.length; i++) {
        sums[i] += values[i];
      }
    }

    void matches(LatencyPercentiles merged, String key) {
      List<Long> all = timings.get(key);
      assertThat(merged.getCount()).as(key).isEqualTo(all.size());
      double[][] qs = {
        {0.50, merged.getP50Millis()}, {0.95, merged.getP95Millis()}, {0.99, merged.getP99Millis()}
      };
      for (double[] q : qs) {
        double exact = OperationMergeTest.exact(all, q[0]);
        assertThat(q[1]).as("%s p%s", key, q[0] * 100).isCloseTo(exact, within(exact * 0.01));
      }
    }
  }

  /** A shard's summary for its slice of the plan: every planned operation succeeded in time. */
  static Summary summary(Plan plan, int shard, Truth truth) {
    List<Plan.ClientRef> slice = plan.slice(shard);
    Map<String, OperationFigures> logins = new LinkedHashMap<>();
    Map<String, Long> kinds = new TreeMap<>();
    slice.forEach(c -> kinds.merge(c.kind(), 1L, Long::sum));
    kinds.forEach(
        (kind, n) -> {
          truth.count("login/" + kind, n, n, 0);
          logins.put(
              kind,
              new OperationFigures(n, n, 0, truth.time("login/" + kind, n, 300_000, 2_000_000)));
        });
    String kind = slice.get(0).kind(); // each DST network has one client kind
    Map<String, ContactRequestFigures> contacts = null;
    Plan.ContactRequests c = plan.contactRequests();
    if (c != null) {
      long total = (long) c.requesters() * c.requestsPerRequester();
      long planned = total / plan.shards() + (shard == 0 ? total % plan.shards() : 0);
      // Outcomes in the targets' shares: accepted back, declined, ignored; all delivered.
      long accepted = Math.round(planned * (double) c.accepting() / c.targets());
      long declined = Math.round(planned * (double) c.declining() / c.targets());
      long ignored = planned - accepted - declined;
      truth.count("contacts/" + kind, planned, planned, accepted, declined, ignored);
      contacts =
          Map.of(
              kind,
              new ContactRequestFigures(
                  planned,
                  planned,
                  0,
                  planned,
                  accepted,
                  declined,
                  ignored,
                  0,
                  0,
                  0,
                  1.0,
                  truth.time("roundTrip/" + kind, accepted, 200_000 + shard * 500_000L, 3_000_000),
                  truth.time("delivery/" + kind, planned, 100_000, 1_000_000)));
    }
    Map<String, GroupCreationFigures> groups = null;
    Plan.PrivateGroups g = plan.traffic().privateGroups();
    if (g != null) {
      long n = g.groups() / plan.shards() + (shard == 0 ? g.groups() % plan.shards() : 0);
      truth.count("groups/" + kind, n, n, n);
      groups =
          Map.of(
              kind,
              new GroupCreationFigures(
                  n, n, 0, n, 0, truth.time("groups/" + kind, n, 800_000, 4_000_000)));
    }
    Map<String, Figures> traffic = new LinkedHashMap<>();
    for (String k : List.of("oneToOne", "privateGroups")) {
      boolean sends =
          k.equals("oneToOne")
              ? plan.traffic().oneToOne() != null
              : g != null && g.messagesPerMinute() > 0;
      if (sends) {
        long n = 100 + shard;
        truth.count("traffic/" + k, n, n);
        traffic.put(
            k,
            new Figures(
                n, 0, n, n, 0, 0, 0, n, 1.0, truth.time("traffic/" + k, n, 50_000, 900_000), 0));
      }
    }
    Map<String, PhaseWindow> phases = new LinkedHashMap<>();
    if (plan.contactPhaseSeconds() > 0) {
      phases.put(Summary.CONTACT_REQUESTS_PHASE, new PhaseWindow(plan.startAt(), plan.idleFrom()));
    }
    if (plan.idlePhaseSeconds() > 0) {
      phases.put(Summary.IDLE_PHASE, new PhaseWindow(plan.idleFrom(), plan.trafficFrom()));
    }
    phases.put(
        Summary.MEASURED_PHASE,
        new PhaseWindow(plan.measureFrom(), plan.endAt().plusMillis(shard)));
    return new Summary(
            2,
            plan.experiment(),
            shard,
            plan.startAt(),
            0,
            new Summary.Clients(slice.size(), slice.size(), 0, Map.of()),
            0,
            0,
            Map.of(),
            traffic,
            Map.of(),
            0,
            0,
            false,
            null,
            0)
        .withMeasurements(
            logins,
            contacts,
            groups,
            null,
            phases,
            Map.of("senders", 0, "silent", 0, "unchatting", slice.size()));
  }

  /** The scenario's experiment with a short setup, phases and window; DST's sizes unchanged. */
  static ChatExperiment shortened(String scenario, TestNamespace ns) throws Exception {
    ChatExperiment e =
        Serialization.unmarshal(
            Files.readString(Scenarios.dir().resolve("dst-" + scenario + ".yaml")),
            ChatExperiment.class);
    e.getMetadata().setNamespace(ns.name());
    var spec = e.getSpec();
    spec.setSetupSeconds(5);
    spec.setWarmupSeconds(0);
    spec.setDurationSeconds(10);
    if (spec.getContactRequests() != null) {
      spec.getContactRequests().setPhaseSeconds(10);
    }
    if (spec.getIdle() != null && spec.getIdle().getSeconds() != null) {
      spec.getIdle().setSeconds(5);
    }
    // One cell per shard: alice's 100 requests need the 100 targets in one cell (PlanChecks).
    spec.getLoadGenerator().setReplicas(scenario.startsWith("idle") ? 1 : 2);
    return e;
  }

  @ParameterizedTest
  @MethodSource("io.chatnet.operator.experiment.DstScenariosTest#scenarios")
  void runsThroughItsPhasesAndStatusHoldsTheMergedFigures(
      String scenario, KubernetesClient client, TestNamespace ns) throws Exception {
    ChatNetwork network = Scenarios.manifest("dst-" + scenario + "-network.yaml", ns.name(), null);
    String name = network.getMetadata().getName();
    int pods = network.getSpec().getGroups().stream().mapToInt(g -> g.getReplicas()).sum();
    client.resource(network).create();
    ChatNetworkLifecycleTest.awaitPhase(client, ns, name, NetworkPhase.Ready, pods + "/" + pods);
    ChatExperiment experiment = shortened(scenario, ns);
    client.resource(experiment).create();

    ChatExperiment preparing =
        ChatExperimentLifecycleTest.awaitPhase(client, ns, name, ExperimentPhase.Preparing);
    Instant start = Instant.parse(preparing.getStatus().getPlannedStart());
    Plan plan =
        ContractJson.readPlan(
            client
                .configMaps()
                .inNamespace(ns.name())
                .withName(name + "-plan")
                .get()
                .getData()
                .get(PlanConfigMap.KEY));
    assertThat(plan.contractVersion()).isEqualTo(2);
    // The phases come before the traffic: the window ends after them.
    assertThat(Instant.parse(preparing.getStatus().getWindowEnd())).isEqualTo(plan.endAt());
    assertThat(plan.endAt())
        .isEqualTo(start.plusSeconds(plan.contactPhaseSeconds() + plan.idlePhaseSeconds() + 10));

    Truth truth = new Truth();
    Map<Integer, String> messages = new TreeMap<>();
    for (int s = 0; s < plan.shards(); s++) {
      messages.put(s, ContractJson.write(summary(plan, s, truth)));
    }
    await("past the window")
        .atMost(Duration.ofMinutes(1))
        .until(() -> Instant.now().isAfter(plan.endAt()));
    terminateShards(client, ns, name, plan.shards(), messages);
    ChatExperiment done =
        ChatExperimentLifecycleTest.awaitPhase(client, ns, name, ExperimentPhase.Succeeded);

    OperationResults ops = done.getStatus().getResults().getOperations();
    String kind = plan.allClients().get(0).kind();
    long[] login = truth.counts.get("login/" + kind);
    assertThat(ops.getLogin())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getClientKind()).isEqualTo(kind);
              assertThat(r.getAttempted()).isEqualTo(login[0]).isEqualTo(plan.allClients().size());
              assertThat(r.getSucceeded()).isEqualTo(login[1]);
              truth.matches(r.getTime(), "login/" + kind);
            });
    if (plan.contactRequests() != null) {
      long[] c = truth.counts.get("contacts/" + kind);
      ContactRequestResult r = ops.getContactRequests().get(0);
      assertThat(r.getPlanned())
          .isEqualTo(c[0])
          .isEqualTo(
              (long) plan.contactRequests().requesters()
                  * plan.contactRequests().requestsPerRequester());
      assertThat(r.getAccepted()).isEqualTo(c[2]);
      assertThat(r.getDeclined()).isEqualTo(c[3]);
      assertThat(r.getIgnored()).isEqualTo(c[4]);
      assertThat(r.getSuccessRate()).isEqualTo((double) (c[2] + c[3] + c[4]) / c[0]);
      assertThat(r.getDeliveredRatio()).isEqualTo(1.0);
      truth.matches(r.getRoundTrip(), "roundTrip/" + kind);
      truth.matches(r.getDelivery(), "delivery/" + kind);
    } else {
      assertThat(ops.getContactRequests()).isEmpty();
    }
    if (plan.traffic().privateGroups() != null) {
      assertThat(ops.getGroupCreation())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.getComplete()).isEqualTo(plan.traffic().privateGroups().groups());
                truth.matches(r.getTime(), "groups/" + kind);
              });
    }
    for (String k : List.of("oneToOne", "privateGroups")) {
      if (truth.counts.containsKey("traffic/" + k)) {
        var t =
            k.equals("oneToOne")
                ? done.getStatus().getResults().getOneToOne()
                : done.getStatus().getResults().getPrivateGroups();
        assertThat(t.getSent()).isEqualTo(truth.counts.get("traffic/" + k)[0]);
        assertThat(t.getLatencyP95Millis())
            .isCloseTo(
                OperationMergeTest.exact(truth.timings.get("traffic/" + k), 0.95),
                within(OperationMergeTest.exact(truth.timings.get("traffic/" + k), 0.95) * 0.01));
      }
    }
    assertThat(ops.getPhases())
        .extracting("phase")
        .endsWith("measured")
        .contains(plan.idlePhaseSeconds() > 0 ? "idle" : "measured");
    assertThat(ops.getPhases().get(ops.getPhases().size() - 1).getTo())
        .isEqualTo(plan.endAt().plusMillis(plan.shards() - 1).toString());
    assertThat(ops.getRoles().getUnchatting()).isEqualTo(plan.allClients().size());
    // Every planned operation succeeded in time: each scenario's criteria hold.
    assertThat(done.getStatus().getVerdict().getResult()).isEqualTo("Passed");
    assertThat(done.getStatus().getVerdict().getReasons())
        .isNotEmpty()
        .allMatch(l -> l.endsWith(": ok"));

    client.resource(network).delete();
  }

  /** Plays the shards: once kwok completed each pod, writes its termination message. */
  static void terminateShards(
      KubernetesClient client,
      TestNamespace ns,
      String experiment,
      int shards,
      Map<Integer, String> messages) {
    Map<String, String> selector = Map.of(ExperimentNames.EXPERIMENT_LABEL, experiment);
    await("shard pods completed by kwok")
        .atMost(Duration.ofMinutes(1))
        .until(
            () -> {
              List<Pod> pods =
                  client.pods().inNamespace(ns.name()).withLabels(selector).list().getItems();
              return pods.size() == shards
                  && pods.stream().allMatch(p -> "Succeeded".equals(p.getStatus().getPhase()));
            });
    for (Pod pod : client.pods().inNamespace(ns.name()).withLabels(selector).list().getItems()) {
      int shard =
          Integer.parseInt(
              pod.getMetadata().getAnnotations().get("batch.kubernetes.io/job-completion-index"));
      ShardPods.terminate(
          client, ns.name(), pod.getMetadata().getName(), 0, "Completed", messages.get(shard));
    }
  }
}
