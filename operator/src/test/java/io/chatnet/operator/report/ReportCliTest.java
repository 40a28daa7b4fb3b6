package io.chatnet.operator.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Crds;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.testkit.LocalCluster;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * make report's command against the local control plane: experiments and their report ConfigMaps
 * are written here as the operator would leave them (the operator's own writing of them is covered
 * by ChatExperimentLifecycleTest).
 */
@LocalClusterTest
class ReportCliTest {
  @BeforeAll
  static void crds(KubernetesClient client) {
    Crds.install(client);
  }

  /**
   * A finished experiment in the namespace, with its report ConfigMap as the operator writes it.
   */
  private static void finished(
      KubernetesClient client, TestNamespace ns, String name, int desktop, int mobile) {
    ChatExperiment experiment = ReportFixtures.experiment(name, 30);
    ChatExperimentStatus status = experiment.getStatus();
    experiment.setStatus(null);
    experiment.getMetadata().setNamespace(ns.name());
    experiment.getMetadata().setUid(null);
    ChatExperiment created = client.resource(experiment).create();
    created.setStatus(status);
    status.setReportConfigMap(name + "-report");
    client.resource(created).updateStatus();
    client
        .resource(
            ReportConfigMap.build(
                created, ExperimentReport.of(created, ReportFixtures.network(desktop, mobile))))
        .create();
  }

  private static int run(String... args) {
    return ReportCli.run(args);
  }

  @Test
  void exportsReportsAndComparesThem(KubernetesClient client, TestNamespace ns, @TempDir Path out)
      throws Exception {
    finished(client, ns, "users-100", 60, 40);
    finished(client, ns, "users-1000", 600, 400);
    int code =
        run(
            "export",
            "--kubeconfig",
            LocalCluster.get().kubeconfig().toString(),
            "--namespace",
            ns.name(),
            "--out",
            out.toString(),
            "users-100",
            "users-1000");
    assertThat(code).isZero();
    ExperimentReport small =
        ReportJson.read(Files.readString(out.resolve("users-100/report.json")), "exported");
    assertThat(small.network().users()).isEqualTo(100);
    assertThat(Files.readString(out.resolve("users-1000/report.html")))
        .contains("1000 status-backend clients");
    assertThat(Files.readString(out.resolve("comparison/comparison.html")))
        .contains("CPU per node against users");

    // the comparison also works on exported files alone
    Path again = out.resolve("again");
    assertThat(
            run(
                "compare",
                "--out",
                again.toString(),
                out.resolve("users-1000/report.json").toString(),
                out.resolve("users-100/report.json").toString()))
        .isZero();
    assertThat(Files.readString(again.resolve("comparison.json")))
        .isEqualTo(Files.readString(out.resolve("comparison/comparison.json")));
  }

  @Test
  void saysWhatIsMissing(KubernetesClient client, TestNamespace ns, @TempDir Path out) {
    ChatExperiment pending = ReportFixtures.experiment("pending", 30);
    pending.setStatus(null);
    pending.getMetadata().setNamespace(ns.name());
    pending.getMetadata().setUid(null);
    client.resource(pending).create();
    String kubeconfig = LocalCluster.get().kubeconfig().toString();

    assertThat(errorOf("export", "--kubeconfig", kubeconfig, "-n", ns.name(), "nope"))
        .contains("no ChatExperiment nope in namespace " + ns.name());
    assertThat(errorOf("export", "--kubeconfig", kubeconfig, "-n", ns.name(), "pending"))
        .contains("has no report yet (phase none)");
    assertThat(errorOf("compare", "--out", out.toString(), out.resolve("x.json").toString()))
        .contains("x.json does not exist");
  }

  private static String errorOf(String... args) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertThat(run(args)).isEqualTo(1);
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
