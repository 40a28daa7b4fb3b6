package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Figures;
import io.chatnet.contract.LatencySummary;
import io.chatnet.contract.Summary;
import io.chatnet.loadgen.client.Json;
import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.ShardPods;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatSweep;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.SweepPhase;
import io.chatnet.operator.api.SweepPointStatus;
import io.chatnet.operator.capacity.CapacityModel;
import io.chatnet.operator.capacity.Law;
import io.chatnet.operator.capacity.LawFit;
import io.chatnet.operator.capacity.Quantity;
import io.chatnet.operator.naming.ExperimentNames;
import io.chatnet.operator.naming.SweepNames;
import io.chatnet.operator.report.SweepReportConfigMap;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * A ChatSweep run through on the local control plane with the operator in-process: a 3 x 2 sweep
 * (users x messages per minute) whose load generator shards are played by the test (kwok completes
 * the shard pods, the test writes each one's summary as its termination message), each point's
 * latency following a known law, with the operator stopped and a new one started in the middle.
 */
@LocalClusterTest
class ChatSweepLifecycleTest {
  static final int[] USERS = {2, 4, 6};
  static final double[] PER_MINUTE = {6, 24};

  /** The law the points follow: p95 = 40 U^0.5 r^0.25 ms, r in messages per second per user. */
  static double p95(double users, double perMinute) {
    return 40 * Math.pow(users, 0.5) * Math.pow(perMinute / 60, 0.25);
  }

  static ChatSweep sweep(TestNamespace ns, String name) {
    return Serialization.unmarshal(
        """
        apiVersion: chatnet.io/v1alpha1
        kind: ChatSweep
        metadata: {name: %s, namespace: %s}
        spec:
          network:
            seed: %s
            groups:
            - {name: boot, kind: nwaku, role: bootstrap, replicas: 1}
            - {name: relay, kind: nwaku, role: relay, replicas: 2}
            - {name: desktop, kind: status-backend, role: desktop, replicas: 2, image: soutullostatus/status-backend:b22c58bd}
          experiment:
            setupSeconds: 5
            warmupSeconds: 0
            durationSeconds: 10
            traffic:
              oneToOne: {pairs: 1, messagesPerMinute: 6}
            loadGenerator: {replicas: 1}
            criteria: {minDeliveryRatio: 0.9}
          axes:
          - {name: users, values: [2, 4, 6]}
          - {name: messagesPerMinute, values: [6, 24]}
        """
            .formatted(name, ns.name(), name),
        ChatSweep.class);
  }

  @Test
  void aThreeByTwoSweepRunsEachPointOnceAcrossARestartAndFitsItsModel(
      KubernetesClient client, TestNamespace ns) throws Exception {
    Crds.install(client);
    InProcessOperator operator = InProcessOperator.start(ns.name(), Duration.ofSeconds(2));
    Map<String, String> uids = new HashMap<>();
    try {
      client.resource(sweep(ns, "sw")).create();
      int point = 0;
      for (int users : USERS) {
        for (double perMinute : PER_MINUTE) {
          point++;
          String name = SweepNames.experiment("sw", point);
          ChatExperiment started = awaitStart(client, ns, name);
          uids.put(name, started.getMetadata().getUid());
          assertThat(started.getSpec().getTraffic().getOneToOne().getPairs()).isEqualTo(users / 2);
          ChatSweep running = getSweep(client, ns);
          assertThat(running.getStatus().getPhase()).isEqualTo(SweepPhase.Running);
          assertThat(running.getStatus().getCurrentPoint()).isEqualTo(point);
          assertThat(running.getStatus().getProgress()).isEqualTo((point - 1) + "/6");
          if (point == 3) {
            // The operator stops mid-point; the shard finishes meanwhile; a new operator carries
            // on.
            operator.close();
            completeShard(client, ns, name, users, perMinute);
            operator = InProcessOperator.start(ns.name(), Duration.ofSeconds(2));
          } else {
            completeShard(client, ns, name, users, perMinute);
          }
          int recorded = point;
          awaitSweep(
              client,
              ns,
              "point " + recorded + " recorded",
              s -> s.getPointsDone() != null && s.getPointsDone() >= recorded);
        }
      }
      ChatSweep done =
          awaitSweep(client, ns, "Succeeded", s -> s.getPhase() == SweepPhase.Succeeded);
      assertThat(done.getStatus().getProgress()).isEqualTo("6/6");
      assertThat(done.getStatus().getPointsFailed()).isZero();
      assertThat(done.getStatus().getCurrentPoint()).isNull();
      assertThat(done.getStatus().getPoints())
          .extracting(SweepPointStatus::getPhase)
          .containsOnly(ExperimentPhase.Succeeded);
      assertThat(done.getStatus().getPoints().get(2).getValues())
          .containsOnly(Map.entry("users", "4"), Map.entry("messagesPerMinute", "6"));

      // Every point ran exactly once: six experiments, each the one first seen, one Job each.
      List<ChatExperiment> experiments =
          client
              .resources(ChatExperiment.class)
              .inNamespace(ns.name())
              .withLabel(SweepNames.SWEEP_LABEL, "sw")
              .list()
              .getItems();
      assertThat(experiments).hasSize(6);
      for (ChatExperiment e : experiments) {
        assertThat(e.getMetadata().getUid()).isEqualTo(uids.get(e.getMetadata().getName()));
        assertThat(
                client
                    .batch()
                    .v1()
                    .jobs()
                    .inNamespace(ns.name())
                    .withLabel(ExperimentNames.EXPERIMENT_LABEL, e.getMetadata().getName())
                    .list()
                    .getItems())
            .hasSize(1);
      }
      // One network, scaled between points, ending at the last point's 6 clients.
      List<ChatNetwork> networks =
          client.resources(ChatNetwork.class).inNamespace(ns.name()).list().getItems();
      assertThat(networks).extracting(n -> n.getMetadata().getName()).containsExactly("sw-n1");
      assertThat(networks.get(0).getSpec().getGroups().get(2).getReplicas()).isEqualTo(6);

      // The report: the model's law equals an independent fit of the same points.
      ConfigMap report =
          client
              .configMaps()
              .inNamespace(ns.name())
              .withName(done.getStatus().getReportConfigMap())
              .get();
      assertThat(report.getData())
          .containsKeys(
              SweepReportConfigMap.MODEL_KEY,
              SweepReportConfigMap.POINTS_KEY,
              SweepReportConfigMap.PAGE_KEY);
      assertThat(report.getData().get(SweepReportConfigMap.PAGE_KEY))
          .contains("Sweep sw")
          .contains("<svg");
      assertThat(report.getData().get(SweepReportConfigMap.POINTS_KEY)).contains("\"sw-p6\"");
      CapacityModel model =
          CapacityModel.read(report.getData().get(SweepReportConfigMap.MODEL_KEY), "model.json");
      assertThat(model.points()).hasSize(6);
      LawFit law = model.law(Quantity.ONE_TO_ONE_LATENCY_P95).orElseThrow();
      assertThat(law.law()).isEqualTo(Law.POWER_USERS_RATE);
      double[] beta = independentFit();
      assertThat(law.coefficients()[0])
          .isCloseTo(Math.exp(beta[0]), within(1e-6 * Math.exp(beta[0])));
      assertThat(law.coefficients()[1]).isCloseTo(beta[1], within(1e-9));
      assertThat(law.coefficients()[2]).isCloseTo(beta[2], within(1e-9));
      // and the law is the one the points were made with
      assertThat(law.coefficients()[1]).isCloseTo(0.5, within(1e-6));
      assertThat(law.coefficients()[2]).isCloseTo(0.25, within(1e-6));

      // Deleting the sweep removes its network, experiments and report.
      client.resource(done).delete();
      await("the sweep's objects collected")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () ->
                  client
                          .resources(ChatNetwork.class)
                          .inNamespace(ns.name())
                          .list()
                          .getItems()
                          .isEmpty()
                      && client
                          .resources(ChatExperiment.class)
                          .inNamespace(ns.name())
                          .list()
                          .getItems()
                          .isEmpty()
                      && client.configMaps().inNamespace(ns.name()).withName("sw-report").get()
                          == null);
    } finally {
      operator.close();
    }
  }

  /**
   * Closed-form least squares of ln p95 on (1, ln U, ln r) over the six points: the normal
   * equations solved by Cramer's rule, independent of the model's Commons Math regression.
   */
  static double[] independentFit() {
    double[][] xtx = new double[3][3];
    double[] xty = new double[3];
    for (int users : USERS) {
      for (double perMinute : PER_MINUTE) {
        double[] x = {1, Math.log(users), Math.log(perMinute / 60)};
        double y = Math.log(p95(users, perMinute));
        for (int i = 0; i < 3; i++) {
          xty[i] += x[i] * y;
          for (int j = 0; j < 3; j++) {
            xtx[i][j] += x[i] * x[j];
          }
        }
      }
    }
    double d = det(xtx);
    double[] beta = new double[3];
    for (int k = 0; k < 3; k++) {
      double[][] m = new double[3][];
      for (int i = 0; i < 3; i++) {
        m[i] = xtx[i].clone();
        m[i][k] = xty[i];
      }
      beta[k] = det(m) / d;
    }
    return beta;
  }

  private static double det(double[][] m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }

  @Test
  void admissionRefusesATwiceListedAxisAndValuesOutOfRange(
      KubernetesClient client, TestNamespace ns) {
    Crds.install(client);
    ChatSweep twice = sweep(ns, "twice");
    twice.getSpec().getAxes().add(twice.getSpec().getAxes().get(0));
    assertThatThrownBy(() -> client.resource(twice).dryRun().create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("an axis may appear only once in axes");
    ChatSweep odd = sweep(ns, "odd");
    odd.getSpec().getAxes().get(0).setValues(List.of(2.5));
    assertThatThrownBy(() -> client.resource(odd).dryRun().create())
        .hasMessageContaining("users values must be whole numbers from 2 to 100000");
    ChatSweep many = sweep(ns, "many");
    many.getSpec()
        .getAxes()
        .get(0)
        .setValues(java.util.stream.IntStream.rangeClosed(1, 20).mapToObj(i -> 2.0 * i).toList());
    many.getSpec()
        .getAxes()
        .get(1)
        .setValues(java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(i -> (double) i).toList());
    assertThatThrownBy(() -> client.resource(many).dryRun().create())
        .hasMessageContaining("axes make more than 100 points");
  }

  @Test
  void pointsAdmissionCannotCheckFailTheSweepWithAConditionAndAWarningNamingTheField(
      KubernetesClient client, TestNamespace ns) {
    Crds.install(client);
    try (InProcessOperator operator = InProcessOperator.start(ns.name(), Duration.ofSeconds(2))) {
      ChatSweep odd = sweep(ns, "odd");
      odd.getSpec().getAxes().get(0).setValues(List.of(2.0, 3.0));
      client.resource(odd).create();
      ChatSweep failed =
          awaitSweep(client, ns, "odd", "Failed", s -> s.getPhase() == SweepPhase.Failed);
      var condition =
          failed.getStatus().getConditions().stream()
              .filter(c -> c.getType().equals("SpecValid"))
              .findFirst()
              .orElseThrow();
      assertThat(condition.getReason()).isEqualTo("InvalidPoints");
      assertThat(condition.getMessage()).startsWith("spec.axes[0] (users): point 3 has 3 users");
      await("a Warning event")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  client.v1().events().inNamespace(ns.name()).list().getItems().stream()
                      .anyMatch(
                          e ->
                              "Warning".equals(e.getType())
                                  && "InvalidPoints".equals(e.getReason())
                                  && "odd".equals(e.getInvolvedObject().getName())));
      assertThat(
              client.resources(ChatNetwork.class).inNamespace(ns.name()).withName("odd-n1").get())
          .isNull();
    }
  }

  /** Waits for the point's experiment to be created and past its start instant. */
  static ChatExperiment awaitStart(KubernetesClient client, TestNamespace ns, String name) {
    AtomicReference<ChatExperiment> seen = new AtomicReference<>();
    await(name + " started")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              ChatExperiment e =
                  client
                      .resources(ChatExperiment.class)
                      .inNamespace(ns.name())
                      .withName(name)
                      .get();
              seen.set(e);
              return e != null
                  && e.getStatus() != null
                  && e.getStatus().getPlannedStart() != null
                  && Instant.now().isAfter(Instant.parse(e.getStatus().getPlannedStart()));
            });
    return seen.get();
  }

  /** Plays the shard: once kwok has completed its pod, its summary as termination message. */
  static void completeShard(
      KubernetesClient client, TestNamespace ns, String experiment, int users, double perMinute)
      throws Exception {
    Map<String, String> selector = Map.of(ExperimentNames.EXPERIMENT_LABEL, experiment);
    await(experiment + " shard pod completed by kwok")
        .atMost(Duration.ofMinutes(2))
        .until(
            () -> {
              List<Pod> pods =
                  client.pods().inNamespace(ns.name()).withLabels(selector).list().getItems();
              return pods.size() == 1 && "Succeeded".equals(pods.get(0).getStatus().getPhase());
            });
    Pod pod = client.pods().inNamespace(ns.name()).withLabels(selector).list().getItems().get(0);
    long sent = Math.round(users * perMinute / 6); // 10 s window
    double p95 = p95(users, perMinute);
    Figures figures =
        new Figures(
            sent,
            0,
            sent,
            sent,
            0,
            0,
            0,
            sent,
            1.0,
            new LatencySummary(p95 / 2, p95, p95 * 1.5, p95 * 2, p95 / 1.8),
            0);
    Summary summary =
        new Summary(
            ContractJson.VERSION,
            experiment,
            0,
            Instant.now(),
            15,
            new Summary.Clients(users, users, 0, Map.of()),
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
    ShardPods.terminate(
        client,
        ns.name(),
        pod.getMetadata().getName(),
        0,
        "Completed",
        Json.MAPPER.writeValueAsString(summary));
  }

  static ChatSweep getSweep(KubernetesClient client, TestNamespace ns) {
    return client.resources(ChatSweep.class).inNamespace(ns.name()).withName("sw").get();
  }

  static ChatSweep awaitSweep(
      KubernetesClient client,
      TestNamespace ns,
      String what,
      Predicate<io.chatnet.operator.api.ChatSweepStatus> until) {
    return awaitSweep(client, ns, "sw", what, until);
  }

  static ChatSweep awaitSweep(
      KubernetesClient client,
      TestNamespace ns,
      String name,
      String what,
      Predicate<io.chatnet.operator.api.ChatSweepStatus> until) {
    AtomicReference<ChatSweep> seen = new AtomicReference<>();
    await(name + " " + what)
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              ChatSweep s =
                  client.resources(ChatSweep.class).inNamespace(ns.name()).withName(name).get();
              seen.set(s);
              return s != null && s.getStatus() != null && until.test(s.getStatus());
            });
    return seen.get();
  }
}
