package io.chatnet.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.contract.PhaseWindow;
import io.chatnet.contract.Summary;
import io.chatnet.loadgen.client.Json;
import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.ShardPods;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.PrometheusSource;
import io.chatnet.operator.naming.ExperimentNames;
import io.chatnet.testkit.LocalCluster;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.prometheus.PrometheusServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * make e2e's whole path on the local cluster, with the operator in-process: the check applies the
 * e2e network (Ready on kwok's nodes) and the experiment, the operator runs it, and the test plays
 * the parts no container can play here: each shard's termination message is the summary of a real
 * load generator run against the status-backend stand-in, and the Prometheus the experiment names
 * holds the e2e network's series (synthetic nodes) over the window the operator fixed. Times are
 * compressed as in {@link E2eAssertionsStandInTest} (5 s setup, 1 s warm-up, 10 s window).
 */
@LocalClusterTest
class E2eCheckFullRunTest {
  static final String NAMESPACE = "e2e-full-run";

  @AfterAll
  static void stop() {
    E2eAssertionsStandInTest.stopServers();
  }

  @Test
  void theCheckRunsTheExperimentToAPassingTable(KubernetesClient client, @TempDir Path dir)
      throws Exception {
    Crds.install(client);
    E2eAssertionsStandInTest.Run run = E2eAssertionsStandInTest.run(faults -> {});
    int port = PrometheusServer.freePort();
    Files.copy(Scenarios.dir().resolve("e2e/network.yaml"), dir.resolve("network.yaml"));
    ChatExperiment experiment = E2eAssertionsStandInTest.experiment();
    experiment.getMetadata().setNamespace(null);
    experiment.getMetadata().setUid(null);
    experiment.getSpec().setSetupSeconds(5);
    PrometheusSource prometheus = new PrometheusSource();
    prometheus.setUrl("http://127.0.0.1:" + port);
    experiment.getSpec().setPrometheus(prometheus);
    Files.writeString(dir.resolve("experiment.yaml"), Serialization.asYaml(experiment));

    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .serverSideApply();
    try (InProcessOperator operator = InProcessOperator.start(NAMESPACE, Duration.ofSeconds(2))) {
      java.util.concurrent.atomic.AtomicBoolean checked =
          new java.util.concurrent.atomic.AtomicBoolean();
      CompletableFuture<Void> shards =
          CompletableFuture.runAsync(() -> playShards(client, run, port, checked));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int code;
      try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
        code =
            E2eCheck.run(
                out,
                "--kubeconfig",
                LocalCluster.get().kubeconfig().toString(),
                "--manifests",
                dir.toString(),
                "--namespace",
                NAMESPACE,
                "--run-on-simulated",
                "--skip-operator-check",
                "--network-timeout",
                "PT3M",
                "--experiment-timeout",
                "PT3M",
                "--poll",
                "PT1S");
      }
      checked.set(true);
      String output = bytes.toString(StandardCharsets.UTF_8);
      System.out.print(output);
      shards.join();
      assertThat(output)
          .contains("make e2e: network e2e: Ready, 12/12 ready")
          .contains("make e2e: experiment e2e: Succeeded")
          .contains("PASS  clients logged in                  7/7 (the network has 7 clients)")
          .contains("PASS  report written                     e2e-report: report.json ")
          .contains("make e2e: passed")
          .contains("make e2e: deleting namespace " + NAMESPACE)
          .doesNotContain("FAIL ");
      assertThat(code).isZero();
    }
  }

  /**
   * What the load generator and Prometheus would do: once the operator has fixed the start, a
   * Prometheus with the network's series over that window; once kwok completed the shard pods, the
   * stand-in run's summary as each one's termination message.
   */
  static void playShards(
      KubernetesClient client,
      E2eAssertionsStandInTest.Run run,
      int port,
      java.util.concurrent.atomic.AtomicBoolean checked) {
    var experiments = client.resources(ChatExperiment.class).inNamespace(NAMESPACE);
    await("the planned start")
        .atMost(Duration.ofMinutes(4))
        .until(
            () -> {
              ChatExperiment e = experiments.withName("e2e").get();
              return checked.get()
                  || e != null && e.getStatus() != null && e.getStatus().getPlannedStart() != null;
            });
    if (checked.get()) {
      return; // the check ended before the experiment started: its output says why
    }
    ChatExperiment live = experiments.withName("e2e").get();
    E2eAssertionsStandInTest.prometheusFor(
        new E2eAssertionsStandInTest.Run(
            live, Instant.parse(live.getStatus().getPlannedStart()), run.summaries()),
        port);
    Map<String, String> selector = Map.of(ExperimentNames.EXPERIMENT_LABEL, "e2e");
    await("shard pods completed by kwok")
        .atMost(Duration.ofMinutes(2))
        .until(
            () -> {
              List<Pod> pods =
                  client.pods().inNamespace(NAMESPACE).withLabels(selector).list().getItems();
              return checked.get()
                  || pods.size() == run.summaries().size()
                      && pods.stream().allMatch(p -> "Succeeded".equals(p.getStatus().getPhase()));
            });
    for (Pod pod : client.pods().inNamespace(NAMESPACE).withLabels(selector).list().getItems()) {
      int shard =
          Integer.parseInt(
              pod.getMetadata().getAnnotations().get("batch.kubernetes.io/job-completion-index"));
      String message;
      try {
        message =
            Json.MAPPER.writeValueAsString(
                shifted(
                    run.summaries().get(shard),
                    Duration.between(
                        run.start(), Instant.parse(live.getStatus().getPlannedStart()))));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      ShardPods.terminate(client, NAMESPACE, pod.getMetadata().getName(), 0, "Completed", message);
    }
  }

  /**
   * The stand-in run's summary moved to this experiment's timeline: its phases (the measured window
   * among them, which the operator compares with the planned one) shifted by {@code by}, as if the
   * run had started at this experiment's planned start.
   */
  static Summary shifted(Summary summary, Duration by) {
    Map<String, PhaseWindow> phases = new java.util.LinkedHashMap<>();
    if (summary.phases() != null) {
      summary
          .phases()
          .forEach((k, w) -> phases.put(k, new PhaseWindow(w.from().plus(by), w.to().plus(by))));
    }
    return summary.withMeasurements(
        summary.logins(),
        summary.contactRequests(),
        summary.groupCreations(),
        summary.catchUp(),
        summary.phases() == null ? null : phases,
        summary.roles());
  }
}
