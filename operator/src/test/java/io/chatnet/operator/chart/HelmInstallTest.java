package io.chatnet.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.operator.Crds;
import io.chatnet.testkit.LocalCluster;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The install a user types, with the real helm against the local cluster: install, upgrade and
 * uninstall, with the chart's default namespace scope, so that nothing outside this test's
 * namespace is touched (the CRDs exist already, and helm leaves existing CRDs alone).
 */
@LocalClusterTest
class HelmInstallTest {

  private static List<String> helm(TestNamespace ns, String... args) {
    List<String> command = new ArrayList<>(List.of(args));
    command.addAll(
        List.of(
            "--namespace", ns.name(), "--kubeconfig", LocalCluster.get().kubeconfig().toString()));
    return command;
  }

  @Test
  void installUpgradeAndUninstall(KubernetesClient client, TestNamespace ns) {
    Crds.install(client);
    String chart = Helm.chart().toString();
    Helm.ok(
        helm(
            ns,
            "install",
            "chatnet",
            chart, // the chart's defaults: namespace scope, the release namespace
            "--wait",
            "--timeout",
            "3m"));
    Deployment deployment =
        client.apps().deployments().inNamespace(ns.name()).withName("chatnet").get();
    assertThat(deployment.getStatus().getAvailableReplicas()).isEqualTo(2);
    assertThat(client.serviceAccounts().inNamespace(ns.name()).withName("chatnet").get())
        .isNotNull();
    assertThat(client.rbac().roles().inNamespace(ns.name()).list().getItems())
        .extracting(r -> r.getMetadata().getName())
        .containsExactlyInAnyOrder("chatnet", "chatnet-leader-election");
    assertThat(Helm.ok(helm(ns, "status", "chatnet"))).contains("STATUS: deployed");

    Helm.ok(
        helm(
            ns,
            "upgrade",
            "chatnet",
            chart,
            "--reuse-values",
            "--set",
            "operator.prometheusUrl=http://prometheus.monitoring:9090",
            "--wait",
            "--timeout",
            "3m"));
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(ns.name())
                .withName("chatnet")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv())
        .anyMatch(
            e ->
                e.getName().equals("CHATNET_PROMETHEUS_URL")
                    && e.getValue().equals("http://prometheus.monitoring:9090"));
    assertThat(Helm.ok(helm(ns, "history", "chatnet"))).contains("Upgrade complete");

    Helm.ok(helm(ns, "uninstall", "chatnet", "--wait"));
    await("the release's objects removed")
        .atMost(Duration.ofMinutes(1))
        .until(
            () ->
                client.apps().deployments().inNamespace(ns.name()).withName("chatnet").get() == null
                    && client.rbac().roles().inNamespace(ns.name()).list().getItems().isEmpty());
    assertThat(
            client
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .withName("chatnetworks.chatnet.io")
                .get())
        .as("helm never removes CRDs")
        .isNotNull();
  }
}
