package io.chatnet.operator.preflight;

import static io.chatnet.operator.preflight.PreflightClusterTest.assertRefused;
import static io.chatnet.operator.preflight.PreflightClusterTest.awaitPreflight;
import static io.chatnet.operator.preflight.PreflightClusterTest.awaitReady;
import static io.chatnet.operator.preflight.PreflightClusterTest.inNamespace;
import static io.chatnet.operator.preflight.PreflightClusterTest.namespace;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Crds;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * spec.preflight.capacityModel on the local cluster: the model is a ConfigMap, the operator gets it
 * (as the chart allows), predicts 900 MiB per client pod and holds the network Pending while the
 * clients' memory limit is under that; with a generous limit the network starts.
 */
@LocalClusterTest
class PreflightModelClusterTest {
  @BeforeAll
  static void crds(KubernetesClient client) {
    Crds.install(client);
  }

  static ChatNetwork network(KubernetesClient client, String namespace, String memoryLimit) {
    String yaml =
        """
        apiVersion: chatnet.io/v1alpha1
        kind: ChatNetwork
        metadata: {name: modelled, namespace: %s}
        spec:
          seed: modelled
          preflight:
            capacityModel: {configMap: sweep-model, messagesPerMinutePerUser: 6}
          groups:
          - {name: boot, kind: nwaku, role: bootstrap, replicas: 1}
          - {name: relay, kind: nwaku, role: relay, replicas: 2}
          - name: desktop
            kind: status-backend
            role: desktop
            replicas: 2
            image: soutullostatus/status-backend:b22c58bd
            resources: {requests: {cpu: 100m, memory: 256Mi}, limits: {memory: %s}}
        """
            .formatted(namespace, memoryLimit);
    return client
        .resource(client.getKubernetesSerialization().unmarshal(yaml, ChatNetwork.class))
        .create();
  }

  @Test
  void aModelPredictingMoreMemoryThanTheLimitHoldsTheNetworkAGenerousLimitLetsItStart(
      KubernetesClient client, TestNamespace ns) {
    String namespace = namespace(client, ns, "model", Map.of());
    inNamespace(
        client,
        namespace,
        n -> {
          network(client, n, "512Mi");
          String missing = assertRefused(client, n, "modelled", Finding.CAPACITY_MODEL_NOT_FOUND);
          assertThat(missing).startsWith("ConfigMap sweep-model named by");

          client
              .configMaps()
              .inNamespace(n)
              .resource(
                  new ConfigMapBuilder()
                      .withNewMetadata()
                      .withName("sweep-model")
                      .endMetadata()
                      .addToData("model.json", PredictedUsageCheckTest.model(900).toJson())
                      .build())
              .create();
          String refused =
              awaitPreflight(
                  client,
                  n,
                  "modelled",
                  "False",
                  Finding.PREDICTED_MEMORY_OVER_LIMIT,
                  Duration.ofSeconds(40));
          assertThat(refused)
              .contains("predicts 900Mi of memory per pod of group desktop (spec.groups[2])")
              .contains("over its memory limit 512Mi");
          assertThat(
                  PreflightClusterTest.warnings(
                      client, n, "modelled", Finding.PREDICTED_MEMORY_OVER_LIMIT))
              .isNotEmpty();
          PreflightClusterTest.assertNothingCreated(client, n);

          ChatNetwork generous = PreflightClusterTest.get(client, n, "modelled");
          generous
              .getSpec()
              .getGroups()
              .get(2)
              .getResources()
              .getLimits()
              .put("memory", new io.fabric8.kubernetes.api.model.Quantity("2Gi"));
          client.resource(generous).update();
          String passed =
              awaitPreflight(
                  client, n, "modelled", "True", PreflightStep.PASSED, Duration.ofSeconds(40));
          assertThat(passed)
              .contains("capacity model ConfigMap sweep-model key model.json")
              .contains("desktop 900Mi")
              .contains("over its requests");
          awaitReady(client, n, "modelled", "5/5");
          client.resources(ChatNetwork.class).inNamespace(n).withName("modelled").delete();
        });
  }
}
