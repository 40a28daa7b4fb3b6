package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.operator.AuditLog;
import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.identity.NodeKey;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.network.NodeStartScript;
import io.chatnet.testkit.LocalCluster;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator against the real local control plane: create, change, delete, stay quiet. */
@LocalClusterTest
class ChatNetworkLifecycleTest {
  static final Duration RESYNC = Duration.ofSeconds(2);
  static InProcessOperator operator;

  /** Everything logged in this JVM while the operator runs, to check no key is ever logged. */
  static final List<String> LOG_LINES = new java.util.concurrent.CopyOnWriteArrayList<>();

  static final java.util.logging.Handler CAPTURE =
      new java.util.logging.Handler() {
        @Override
        public void publish(java.util.logging.LogRecord record) {
          String message = record.getMessage();
          if (record.getParameters() != null && message != null) {
            try {
              message = String.format(message, record.getParameters());
            } catch (java.util.IllegalFormatException e) {
              message = message + " " + java.util.Arrays.toString(record.getParameters());
            }
          }
          LOG_LINES.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeAll
  static void startOperator(KubernetesClient client, TestNamespace ns) {
    java.util.logging.Logger.getLogger("").addHandler(CAPTURE);
    Crds.install(client);
    operator = InProcessOperator.start(ns.name(), RESYNC);
  }

  @AfterAll
  static void stopOperator() {
    java.util.logging.Logger.getLogger("").removeHandler(CAPTURE);
    if (operator != null) {
      operator.close();
    }
  }

  static ChatNetwork awaitPhase(
      KubernetesClient client, TestNamespace ns, String name, NetworkPhase phase, String ready) {
    await(name + " " + phase + " " + ready)
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              ChatNetwork live = get(client, ns, name);
              return live != null
                  && live.getStatus() != null
                  && live.getStatus().getPhase() == phase
                  && ready.equals(live.getStatus().getReady())
                  && live.getMetadata()
                      .getGeneration()
                      .equals(live.getStatus().getObservedGeneration());
            });
    return get(client, ns, name);
  }

  static ChatNetwork get(KubernetesClient client, TestNamespace ns, String name) {
    return client.resources(ChatNetwork.class).inNamespace(ns.name()).withName(name).get();
  }

  static StatefulSet sts(KubernetesClient client, TestNamespace ns, String name) {
    return client.apps().statefulSets().inNamespace(ns.name()).withName(name).get();
  }

  @Test
  void smokeNetworkStartsStageByStageAndReachesReady(KubernetesClient client, TestNamespace ns) {
    client.resource(Scenarios.manifest("smoke.yaml", ns.name(), "smoke")).create();
    ChatNetwork ready = awaitPhase(client, ns, "smoke", NetworkPhase.Ready, "16/16");

    assertThat(ready.getStatus().getGroups())
        .extracting(g -> g.getName() + "=" + g.getReadyReplicas() + "/" + g.getReplicas())
        .containsExactly("boot=1/1", "relay=8/8", "store=1/1", "desktop=4/4", "mobile=2/2");
    assertThat(ready.getStatus().getBootstrapEnrs()).hasSize(1).allMatch(e -> e.startsWith("enr:"));
    assertThat(ready.getStatus().getReadyTime()).isNotNull();
    assertThat(ready.getStatus().getConditions())
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));

    for (String group : List.of("boot", "relay", "store", "desktop", "mobile")) {
      StatefulSet sts = sts(client, ns, "smoke-" + group);
      assertThat(sts.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
      assertThat(sts.getMetadata().getOwnerReferences())
          .singleElement()
          .satisfies(o -> assertThat(o.getName()).isEqualTo("smoke"));
      assertThat(client.services().inNamespace(ns.name()).withName("smoke-" + group).get())
          .satisfies(s -> assertThat(s.getSpec().getClusterIP()).isEqualTo("None"));
    }
    ConfigMap config = client.configMaps().inNamespace(ns.name()).withName("smoke-network").get();
    Pod boot = client.pods().inNamespace(ns.name()).withName("smoke-boot-0").get();
    assertThat(config.getData().get(NodeStartScript.BOOTSTRAP_FILE))
        .isEqualTo("smoke-boot-0 " + ready.getStatus().getBootstrapEnrs().get(0) + "\n");
    assertThat(boot.getStatus().getPodIP()).isNotBlank();

    // Stage order: a later stage's StatefulSet exists only after the earlier stage's pods were
    // ready.
    assertThat(created(client, ns, "smoke-relay")).isAfterOrEqualTo(readySince(client, ns, "boot"));
    assertThat(created(client, ns, "smoke-store")).isAfterOrEqualTo(readySince(client, ns, "boot"));
    Instant nodesReady = max(readySince(client, ns, "relay"), readySince(client, ns, "store"));
    assertThat(created(client, ns, "smoke-desktop")).isAfterOrEqualTo(nodesReady);
    assertThat(created(client, ns, "smoke-mobile")).isAfterOrEqualTo(nodesReady);

    assertThat(client.v1().events().inNamespace(ns.name()).list().getItems())
        .filteredOn(e -> "smoke".equals(e.getInvolvedObject().getName()))
        .extracting(e -> e.getReason())
        .contains("Provisioning", "Ready");
  }

  @Test
  void nodeKeysStayInSecrets(KubernetesClient client, TestNamespace ns) {
    client.resource(Scenarios.manifest("smoke.yaml", ns.name(), "secret")).create();
    ChatNetwork ready = awaitPhase(client, ns, "secret", NetworkPhase.Ready, "16/16");
    List<String> keys = new java.util.ArrayList<>();
    for (NodeGroup group : ready.getSpec().getGroups()) {
      for (int i = 0; i < group.getReplicas(); i++) {
        keys.add(NodeKey.derive(ready.getSpec().getSeed(), group.getName(), i).privateKeyHex());
      }
    }
    Secret relayKeys =
        client.secrets().inNamespace(ns.name()).withName("secret-relay-keys-0").get();
    assertThat(new String(java.util.Base64.getDecoder().decode(relayKeys.getData().get("0"))))
        .isIn(keys);

    String status = client.getKubernetesSerialization().asJson(ready.getStatus());
    String events =
        client
            .getKubernetesSerialization()
            .asJson(client.v1().events().inNamespace(ns.name()).list().getItems());
    String config =
        client
            .getKubernetesSerialization()
            .asJson(client.configMaps().inNamespace(ns.name()).withName("secret-network").get());
    String logs = String.join("\n", LOG_LINES);
    for (String key : keys) {
      assertThat(status).doesNotContain(key);
      assertThat(events).doesNotContain(key);
      assertThat(config).doesNotContain(key);
      assertThat(logs).doesNotContain(key);
    }
    assertThat(logs)
        .as("the operator's log was captured")
        .contains("network " + ns.name() + "/secret");
  }

  @Test
  void scalingChangingImageAndDeletingAGroupWorkInPlace(KubernetesClient client, TestNamespace ns) {
    client.resource(Scenarios.manifest("smoke.yaml", ns.name(), "change")).create();
    awaitPhase(client, ns, "change", NetworkPhase.Ready, "16/16");
    String relayUid = sts(client, ns, "change-relay").getMetadata().getUid();

    edit(client, ns, "change", n -> group(n, "relay").setReplicas(12));
    awaitPhase(client, ns, "change", NetworkPhase.Ready, "20/20");
    assertThat(sts(client, ns, "change-relay").getMetadata().getUid()).isEqualTo(relayUid);

    edit(client, ns, "change", n -> group(n, "relay").setReplicas(3));
    awaitPhase(client, ns, "change", NetworkPhase.Ready, "11/11");
    assertThat(
            client.pods().inNamespace(ns.name()).withLabel(Labels.GROUP, "relay").list().getItems())
        .filteredOn(p -> p.getMetadata().getLabels().get(Labels.NETWORK).equals("change"))
        .filteredOn(p -> p.getMetadata().getDeletionTimestamp() == null)
        .hasSize(3);

    edit(client, ns, "change", n -> group(n, "relay").setImage("wakuorg/nwaku:v0.37.0"));
    awaitPhase(client, ns, "change", NetworkPhase.Ready, "11/11");
    assertThat(
            sts(client, ns, "change-relay")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .isEqualTo("wakuorg/nwaku:v0.37.0");
    assertThat(sts(client, ns, "change-relay").getMetadata().getUid()).isEqualTo(relayUid);

    edit(
        client,
        ns,
        "change",
        n -> n.getSpec().getGroups().removeIf(g -> g.getName().equals("mobile")));
    awaitPhase(client, ns, "change", NetworkPhase.Ready, "9/9");
    await("mobile group removed")
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                sts(client, ns, "change-mobile") == null
                    && client.services().inNamespace(ns.name()).withName("change-mobile").get()
                        == null);
  }

  @Test
  void deletingTheNetworkRemovesEverythingItOwned(KubernetesClient client, TestNamespace ns) {
    client.resource(Scenarios.manifest("smoke.yaml", ns.name(), "gone")).create();
    awaitPhase(client, ns, "gone", NetworkPhase.Ready, "16/16");
    client.resources(ChatNetwork.class).inNamespace(ns.name()).withName("gone").delete();
    await("owned objects garbage-collected")
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                Stream.of(
                        StatefulSet.class, Service.class, Secret.class, ConfigMap.class, Pod.class)
                    .allMatch(
                        type ->
                            client
                                .resources(type)
                                .inNamespace(ns.name())
                                .withLabels(Map.of(Labels.NETWORK, "gone"))
                                .list()
                                .getItems()
                                .isEmpty()));
  }

  @Test
  void anUnchangedNetworkCausesNoWrites(KubernetesClient client, TestNamespace ns)
      throws Exception {
    Instant created = Instant.now();
    client.resource(Scenarios.manifest("smoke.yaml", ns.name(), "quiet")).create();
    awaitPhase(client, ns, "quiet", NetworkPhase.Ready, "16/16");
    AuditLog audit = new AuditLog(LocalCluster.get().auditLog().orElseThrow());
    // The log does see the operator: provisioning took writes (so an empty result below means
    // something).
    assertThat(audit.writesBy(InProcessOperator.USER_AGENT, created))
        .filteredOn(w -> w.name().startsWith("quiet"))
        .isNotEmpty();
    // Let writes in flight settle, then watch several resync periods.
    Thread.sleep(RESYNC.toMillis());
    Instant from = Instant.now();
    await("four resync periods pass")
        .pollDelay(RESYNC.multipliedBy(4))
        .atMost(RESYNC.multipliedBy(5))
        .until(() -> true);
    assertThat(audit.writesBy(InProcessOperator.USER_AGENT, from))
        .filteredOn(w -> w.name().startsWith("quiet"))
        .isEmpty();
  }

  static NodeGroup group(ChatNetwork network, String name) {
    return network.getSpec().getGroups().stream()
        .filter(g -> g.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  static void edit(
      KubernetesClient client,
      TestNamespace ns,
      String name,
      java.util.function.Consumer<ChatNetwork> change) {
    client
        .resources(ChatNetwork.class)
        .inNamespace(ns.name())
        .withName(name)
        .edit(
            n -> {
              change.accept(n);
              return n;
            });
  }

  static Instant created(KubernetesClient client, TestNamespace ns, String sts) {
    return Instant.parse(sts(client, ns, sts).getMetadata().getCreationTimestamp());
  }

  /** When the last pod of a group of network "smoke" turned Ready. */
  static Instant readySince(KubernetesClient client, TestNamespace ns, String group) {
    return client
        .pods()
        .inNamespace(ns.name())
        .withLabel(Labels.GROUP, group)
        .list()
        .getItems()
        .stream()
        .filter(p -> "smoke".equals(p.getMetadata().getLabels().get(Labels.NETWORK)))
        .flatMap(p -> p.getStatus().getConditions().stream())
        .filter(c -> c.getType().equals("Ready") && c.getStatus().equals("True"))
        .map(c -> Instant.parse(c.getLastTransitionTime()))
        .max(Instant::compareTo)
        .orElseThrow();
  }

  static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
