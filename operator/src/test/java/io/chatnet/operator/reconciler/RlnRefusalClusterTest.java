package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.rln.RlnGate;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An RLN network the operator will not build is refused within seconds: condition RlnReady False
 * (and SpecValid, Ready) with the reason and a message naming the spec field, a Warning event, and
 * nothing created. Networks without RLN are untouched by the step (every other cluster test).
 */
@LocalClusterTest
class RlnRefusalClusterTest {
  static InProcessOperator operator;

  @BeforeAll
  static void start(KubernetesClient client, TestNamespace ns) {
    Crds.install(client);
    operator = InProcessOperator.start(ns.name(), Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  static ChatNetwork create(KubernetesClient client, TestNamespace ns, String name, String yaml) {
    ChatNetwork network =
        Serialization.unmarshal(
            """
            apiVersion: chatnet.io/v1alpha1
            kind: ChatNetwork
            metadata: {name: %s}
            spec:
            %s"""
                .formatted(name, yaml.indent(2)),
            ChatNetwork.class);
    network.getMetadata().setNamespace(ns.name());
    return client.resource(network).create();
  }

  static void assertRefused(
      KubernetesClient client, TestNamespace ns, String name, String reason, String field) {
    await(name + " refused with " + reason)
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              ChatNetwork live =
                  client.resources(ChatNetwork.class).inNamespace(ns.name()).withName(name).get();
              return live.getStatus() != null
                  && live.getStatus().getConditions().stream()
                      .anyMatch(c -> "RlnReady".equals(c.getType()));
            });
    ChatNetwork live =
        client.resources(ChatNetwork.class).inNamespace(ns.name()).withName(name).get();
    assertThat(live.getStatus().getPhase()).isEqualTo(NetworkPhase.Failed);
    for (String type : new String[] {"RlnReady", "SpecValid", "Ready"}) {
      Condition c =
          live.getStatus().getConditions().stream()
              .filter(x -> type.equals(x.getType()))
              .findFirst()
              .orElseThrow();
      assertThat(c.getStatus()).as(type).isEqualTo("False");
      assertThat(c.getReason()).as(type).isEqualTo(reason);
      assertThat(c.getMessage()).as(type).contains(field);
    }
    await(name + " Warning event")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client.v1().events().inNamespace(ns.name()).list().getItems().stream()
                    .anyMatch(
                        e ->
                            name.equals(e.getInvolvedObject().getName())
                                && "Warning".equals(e.getType())
                                && reason.equals(e.getReason())
                                && e.getMessage().contains(field)));
    assertThat(
            client.apps().statefulSets().inNamespace(ns.name()).list().getItems().stream()
                .filter(s -> s.getMetadata().getName().startsWith(name + "-")))
        .isEmpty();
    assertThat(
            client.configMaps().inNamespace(ns.name()).list().getItems().stream()
                .filter(s -> s.getMetadata().getName().startsWith(name + "-")))
        .isEmpty();
  }

  @Test
  void nodeVersionsWhoseProofsDoNotVerifyEachOtherAreRefused(
      KubernetesClient client, TestNamespace ns) {
    create(
        client,
        ns,
        "mixed",
        """
        seed: s
        rln: {enabled: true}
        groups:
        - {name: boot, kind: nwaku, role: bootstrap, replicas: 1}
        - {name: old, kind: nwaku, role: relay, replicas: 2, version: nwaku-v0.37.1-beta}
        - {name: new, kind: nwaku, role: relay, replicas: 2, version: logos-delivery-v0.38.1}
        """);
    assertRefused(client, ns, "mixed", RlnGate.INCOMPATIBLE, "spec.groups[].version");
  }

  @Test
  void aRootStoredContractWithAnOldKeystoreToolIsRefused(
      KubernetesClient client, TestNamespace ns) {
    create(
        client,
        ns,
        "rootstored",
        """
        seed: s
        rln: {enabled: true, contract: logos-rlnv2-contract-8359765e}
        groups:
        - {name: boot, kind: nwaku, role: bootstrap, replicas: 1}
        - {name: relay, kind: nwaku, role: relay, replicas: 2, version: nwaku-v0.36.0}
        """);
    assertRefused(client, ns, "rootstored", RlnGate.INCOMPATIBLE, "spec.rln.contract");
  }
}
