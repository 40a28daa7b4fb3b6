package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.operator.AuditLog;
import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.naming.Names;
import io.chatnet.operator.network.GroupService;
import io.chatnet.operator.network.GroupStatefulSet;
import io.chatnet.operator.network.NodeKeySecrets;
import io.chatnet.testkit.LocalCluster;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operator stopped in the middle of provisioning, and a new one started in its place, ends with
 * exactly the objects a single uninterrupted run would have made.
 */
@LocalClusterTest
class OperatorRestartTest {
  static final Duration RESYNC = Duration.ofSeconds(2);

  @Test
  void restartMidProvisioningConvergesToTheSameObjects(KubernetesClient client, TestNamespace ns)
      throws Exception {
    Crds.install(client);
    ChatNetwork manifest = Scenarios.manifest("smoke.yaml", ns.name(), "restart");
    manifest.getSpec().getGroups().get(1).setReplicas(300); // a relay stage that takes a moment

    try (InProcessOperator first = InProcessOperator.start(ns.name(), RESYNC)) {
      client.resource(manifest).create();
      await("bootstrap stage created")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  client.apps().statefulSets().inNamespace(ns.name()).withName("restart-boot").get()
                      != null);
    }
    ChatNetwork midway =
        client.resources(ChatNetwork.class).inNamespace(ns.name()).withName("restart").get();
    assertThat(midway.getStatus() == null || midway.getStatus().getPhase() != NetworkPhase.Ready)
        .as("stopped before the network was ready")
        .isTrue();

    try (InProcessOperator second = InProcessOperator.start(ns.name(), RESYNC)) {
      ChatNetwork ready =
          ChatNetworkLifecycleTest.awaitPhase(client, ns, "restart", NetworkPhase.Ready, "308/308");
      Applier applier = new Applier(client);
      for (NodeGroup group : ready.getSpec().getGroups()) {
        String name = Names.group(ready, group);
        int chunks =
            group.getKind() == GroupKind.NWAKU ? NodeKeySecrets.chunks(group.getReplicas()) : 0;
        assertFingerprint(
            applier,
            ready,
            GroupStatefulSet.build(ready, group, chunks, Scenarios.DEFAULTS),
            client.apps().statefulSets().inNamespace(ns.name()).withName(name).get());
        assertFingerprint(
            applier,
            ready,
            GroupService.build(ready, group),
            client.services().inNamespace(ns.name()).withName(name).get());
      }
      assertThat(
              client
                  .apps()
                  .statefulSets()
                  .inNamespace(ns.name())
                  .withLabels(Map.of(Labels.NETWORK, "restart"))
                  .list()
                  .getItems())
          .hasSize(5);
    }

    // A third operator finds nothing to change: no writes at all.
    Instant from = Instant.now();
    try (InProcessOperator third = InProcessOperator.start(ns.name(), RESYNC)) {
      await().pollDelay(RESYNC.multipliedBy(3)).atMost(RESYNC.multipliedBy(4)).until(() -> true);
    }
    assertThat(
            new AuditLog(LocalCluster.get().auditLog().orElseThrow())
                .writesBy(InProcessOperator.USER_AGENT, from))
        .filteredOn(w -> w.name().startsWith("restart"))
        .isEmpty();
  }

  private static void assertFingerprint(
      Applier applier, ChatNetwork owner, HasMetadata desired, HasMetadata live) {
    assertThat(live).as(desired.getMetadata().getName()).isNotNull();
    assertThat(live.getMetadata().getAnnotations())
        .containsEntry(Applier.HASH_ANNOTATION, applier.fingerprint(owner, desired));
  }
}
