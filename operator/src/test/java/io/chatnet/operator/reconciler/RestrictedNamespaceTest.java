package io.chatnet.operator.reconciler;

import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.awaitExperiment;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.experiment;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.reportSummaries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.NetworkConditions;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.naming.Names;
import io.chatnet.operator.network.KeyMountsTest;
import io.chatnet.operator.network.NodeKeySecrets;
import io.chatnet.operator.preflight.Finding;
import io.chatnet.operator.preflight.PodSecurityCheck;
import io.chatnet.operator.preflight.PreflightStep;
import io.chatnet.operator.report.ReportConfigMap;
import io.chatnet.operator.report.ReportJson;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * chatnet in a namespace that enforces the restricted Pod Security level, with the API server's own
 * PodSecurity admission (on by default in kube-apiserver): a network and an experiment run through
 * to the report with every pod admitted, each pod mounting only its own group's key Secrets and no
 * ServiceAccount token; a network that asks for netem is refused by preflight in a condition and a
 * Warning event naming the field, not left to stall on FailedCreate.
 */
@LocalClusterTest
class RestrictedNamespaceTest {
  @Test
  void everyPodIsAdmittedUnderRestrictedAndNetemIsRefusedByPreflight(
      KubernetesClient client, TestNamespace ns) throws Exception {
    Crds.install(client);
    client
        .namespaces()
        .withName(ns.name())
        .edit(
            n -> {
              n.getMetadata().getLabels().put(PodSecurityCheck.ENFORCE, "restricted");
              n.getMetadata().getLabels().put(PodSecurityCheck.ENFORCE_VERSION, "latest");
              return n;
            });
    try (InProcessOperator operator = InProcessOperator.start(ns.name(), Duration.ofSeconds(2))) {
      ChatNetwork network = Scenarios.manifest("smoke.yaml", ns.name(), "strict");
      client.resource(network).create();
      ChatNetworkLifecycleTest.awaitPhase(client, ns, "strict", NetworkPhase.Ready, "16/16");
      client.resource(experiment(ns, "run", "strict", "")).create();
      reportSummaries(client, ns, "run"); // waits for both shard pods: admitted and completed
      var done = awaitExperiment(client, ns, "run", "report", s -> s.getReportConfigMap() != null);
      var report =
          ReportJson.read(
              client
                  .configMaps()
                  .inNamespace(ns.name())
                  .withName(done.getStatus().getReportConfigMap())
                  .get()
                  .getData()
                  .get(ReportConfigMap.JSON_KEY),
              "run-report");
      assertThat(report.security().privilegedPods()).isFalse();

      assertThat(client.v1().events().inNamespace(ns.name()).list().getItems())
          .as("no pod was refused")
          .noneMatch(e -> "FailedCreate".equals(e.getReason()));
      List<Pod> pods = client.pods().inNamespace(ns.name()).list().getItems();
      assertThat(pods).hasSize(16 + 2);
      assertOnlyOwnKeysAndNoToken(network, pods);

      // netem needs root and NET_ADMIN: preflight refuses it in seconds, naming the field
      ChatNetwork shaped = Scenarios.manifest("smoke.yaml", ns.name(), "shaped");
      NetworkConditions conditions = new NetworkConditions();
      conditions.setLatencyMillis(50);
      shaped.getSpec().getGroups().get(1).setNetworkConditions(conditions);
      client.resource(shaped).create();
      await("shaped refused by preflight")
          .atMost(Duration.ofSeconds(45))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                Condition c = preflight(client, ns);
                return c != null
                    && "False".equals(c.getStatus())
                    && Finding.POD_SECURITY.equals(c.getReason());
              });
      assertThat(preflight(client, ns).getMessage())
          .contains("enforces Pod Security restricted")
          .contains("spec.groups[1]")
          .contains("NET_ADMIN");
      await("Warning event")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  client.v1().events().inNamespace(ns.name()).list().getItems().stream()
                      .anyMatch(
                          e ->
                              "shaped".equals(e.getInvolvedObject().getName())
                                  && "Warning".equals(e.getType())
                                  && Finding.POD_SECURITY.equals(e.getReason())));
      assertThat(client.apps().statefulSets().inNamespace(ns.name()).list().getItems())
          .noneMatch(s -> s.getMetadata().getName().startsWith("shaped-"));
    }
  }

  private static Condition preflight(KubernetesClient client, TestNamespace ns) {
    ChatNetwork live =
        client.resources(ChatNetwork.class).inNamespace(ns.name()).withName("shaped").get();
    if (live == null || live.getStatus() == null || live.getStatus().getConditions() == null) {
      return null;
    }
    return live.getStatus().getConditions().stream()
        .filter(c -> PreflightStep.CONDITION.equals(c.getType()))
        .findFirst()
        .orElse(null);
  }

  /**
   * Each nwaku pod mounts its own group's key Secrets and no other Secret; client and load
   * generator pods mount none; no pod gets a ServiceAccount token.
   */
  static void assertOnlyOwnKeysAndNoToken(ChatNetwork network, List<Pod> pods) {
    for (Pod pod : pods) {
      String group = pod.getMetadata().getLabels().get(Labels.GROUP);
      Set<String> allowed = new HashSet<>();
      for (NodeGroup g : network.getSpec().getGroups()) {
        if (g.getName().equals(group) && g.getKind() == GroupKind.NWAKU) {
          for (int chunk = 0; chunk < NodeKeySecrets.chunks(g.getReplicas()); chunk++) {
            allowed.add(Names.keys(network, g, chunk));
          }
        }
      }
      String where = pod.getMetadata().getName();
      assertThat(pod.getSpec().getAutomountServiceAccountToken()).as(where).isFalse();
      assertThat(KeyMountsTest.tokenMounted(pod.getSpec()))
          .as(where + " has a ServiceAccount token")
          .isFalse();
      assertThat(KeyMountsTest.secretsOf(pod.getSpec()))
          .as(where)
          .containsExactlyInAnyOrderElementsOf(allowed);
      assertThat(
              Stream.concat(
                      pod.getSpec().getContainers().stream(),
                      pod.getSpec().getInitContainers().stream())
                  .flatMap(c -> c.getEnv().stream())
                  .filter(
                      e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null))
          .as(where + " env from Secrets")
          .isEmpty();
    }
  }
}
