package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.naming.Labels;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fault campaign's invariants can fail: a converged network passes them, and each planted fault
 * (an orphan, a missing key Secret, a changed StatefulSet, a foreign owner) is named.
 */
@LocalClusterTest
class NetworkInvariantsTest {
  @Test
  void aConvergedNetworkPassesAndEachPlantedFaultIsNamed(KubernetesClient client, TestNamespace ns)
      throws Exception {
    Crds.install(client);
    try (InProcessOperator operator = InProcessOperator.start(ns.name(), Duration.ofSeconds(2))) {
      client.resource(Scenarios.manifest("smoke.yaml", ns.name(), "inv")).create();
      ChatNetworkLifecycleTest.awaitPhase(client, ns, "inv", NetworkPhase.Ready, "16/16");
    }
    ChatNetwork network = ChatNetworkLifecycleTest.get(client, ns, "inv");
    assertThat(NetworkInvariants.statusViolations(network)).isEmpty();
    assertThat(NetworkInvariants.objectViolations(client, network, Scenarios.DEFAULTS)).isEmpty();

    ConfigMap stray =
        client
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("inv-stray")
                    .withNamespace(ns.name())
                    .withLabels(Map.of(Labels.MANAGED_BY, Labels.MANAGER, Labels.NETWORK, "inv"))
                    .endMetadata()
                    .build())
            .create();
    client.secrets().inNamespace(ns.name()).withName("inv-relay-keys-0").delete();
    client
        .apps()
        .statefulSets()
        .inNamespace(ns.name())
        .withName("inv-relay")
        .edit(
            s -> {
              s.getSpec().setReplicas(3);
              return s;
            });
    client
        .services()
        .inNamespace(ns.name())
        .withName("inv-boot")
        .edit(
            s -> {
              // owned by another object that exists (an owner that does not would be collected)
              OwnerReference owner = s.getMetadata().getOwnerReferences().get(0);
              owner.setApiVersion("v1");
              owner.setKind("ConfigMap");
              owner.setName("inv-stray");
              owner.setUid(stray.getMetadata().getUid());
              return s;
            });

    assertThat(NetworkInvariants.objectViolations(client, network, Scenarios.DEFAULTS))
        .contains(
            "orphan ConfigMap/inv-stray (not in what the spec implies)",
            "missing Secret/inv-relay-keys-0",
            "StatefulSet/inv-relay differs from what the builders make for the spec",
            "Service/inv-boot owners [" + stray.getMetadata().getUid() + "]");
  }
}
