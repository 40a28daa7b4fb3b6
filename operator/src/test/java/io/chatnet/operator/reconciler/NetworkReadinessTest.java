package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.GroupStatus;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ready thresholds and the readiness deadline against the real scheduler and StatefulSet
 * controller: a pod the scheduler cannot place (a node with room for one pod fewer than the group)
 * does not hold back Ready or the clients' stage, and a group that cannot run at all is named, with
 * its count and cause, soon after the deadline.
 */
@LocalClusterTest
class NetworkReadinessTest {
  static final String POOL = "chatnet.io/test-pool";
  static InProcessOperator operator;
  static String nodeName;

  @BeforeAll
  static void start(KubernetesClient client, TestNamespace ns) {
    Crds.install(client);
    operator = InProcessOperator.start(ns.name(), Duration.ofSeconds(30));
    nodeName = "small-" + ns.name();
  }

  @AfterAll
  static void stop(KubernetesClient client) {
    if (operator != null) {
      operator.close();
    }
    client.nodes().withName(nodeName).delete();
  }

  /** A kwok node only this namespace's pods select and tolerate, with room for {@code pods}. */
  static void smallNode(KubernetesClient client, String pool, int pods) {
    Map<String, Quantity> room =
        Map.of(
            "cpu", new Quantity("128"),
            "memory", new Quantity("1Ti"),
            "pods", new Quantity(String.valueOf(pods)));
    Node node =
        new NodeBuilder()
            .withNewMetadata()
            .withName(nodeName)
            .withAnnotations(
                Map.of("kwok.x-k8s.io/node", "fake", "node.alpha.kubernetes.io/ttl", "0"))
            .withLabels(Map.of("kubernetes.io/hostname", nodeName, "type", "kwok", POOL, pool))
            .endMetadata()
            .withNewSpec()
            .addNewTaint()
            .withKey(POOL)
            .withValue(pool)
            .withEffect("NoSchedule")
            .endTaint()
            .endSpec()
            .withNewStatus()
            .withAllocatable(room)
            .withCapacity(room)
            .endStatus()
            .build();
    client.nodes().resource(node).create();
    await("node " + nodeName + " ready")
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              Node live = client.nodes().withName(nodeName).get();
              return live != null
                  && live.getStatus().getConditions().stream()
                      .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            });
  }

  static ChatNetwork create(KubernetesClient client, TestNamespace ns, String yaml) {
    ChatNetwork network = Serialization.unmarshal(yaml, ChatNetwork.class);
    network.getMetadata().setNamespace(ns.name());
    return client.resource(network).create();
  }

  static ChatNetwork get(KubernetesClient client, TestNamespace ns, String name) {
    return client.resources(ChatNetwork.class).inNamespace(ns.name()).withName(name).get();
  }

  static Condition condition(ChatNetwork network, String type) {
    return network.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  /** The condition's reason and message, or "" while the network has no such condition yet. */
  static String reasonAndMessage(ChatNetwork network, String type) {
    if (network == null || network.getStatus() == null) {
      return "";
    }
    return network.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .map(c -> c.getReason() + ": " + c.getMessage())
        .findFirst()
        .orElse("");
  }

  static GroupStatus group(ChatNetwork network, String name) {
    return network.getStatus().getGroups().stream()
        .filter(g -> name.equals(g.getName()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aPodThatNeverTurnsReadyDoesNotHoldBackReadyOrTheClients(
      KubernetesClient client, TestNamespace ns) {
    String pool = ns.name();
    smallNode(client, pool, 49);
    // 50 relay pods may only go to a node with room for 49: one stays Pending, Unschedulable.
    // The default threshold of a relay group is 98%, rounded up: 49 of 50.
    create(
        client,
        ns,
        """
        apiVersion: chatnet.io/v1alpha1
        kind: ChatNetwork
        metadata: {name: stuck}
        spec:
          seed: stuck-1
          # preflight would hold a group that does not fit; this is the stall a cluster that
          # changed after preflight (or a user who skipped it) meets
          preflight: {skipChecks: [capacity]}
          groups:
          - {name: boot, kind: nwaku, role: bootstrap, replicas: 1}
          - name: relay
            kind: nwaku
            role: relay
            replicas: 50
            nodeSelector: {"%1$s": "%2$s"}
            tolerations: [{key: "%1$s", operator: Equal, value: "%2$s", effect: NoSchedule}]
            topologySpread: [{maxSkew: 2, whenUnsatisfiable: ScheduleAnyway}]
            imagePullPolicy: IfNotPresent
            imagePullSecrets: [{name: registry}]
          - {name: desk, kind: status-backend, role: desktop, replicas: 2, image: "sb:1"}
        """
            .formatted(POOL, pool));

    await("stuck Ready at its threshold")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              ChatNetwork live = get(client, ns, "stuck");
              return live.getStatus() != null
                  && live.getStatus().getPhase() == NetworkPhase.Ready
                  && "52/53".equals(live.getStatus().getReady());
            });
    ChatNetwork ready = get(client, ns, "stuck");
    assertThat(group(ready, "relay").getReadyReplicas()).isEqualTo(49);
    assertThat(group(ready, "relay").getReadyThreshold()).isEqualTo(49);
    assertThat(group(ready, "relay").getState()).isEqualTo("Ready");
    assertThat(group(ready, "boot").getReadyThreshold()).isEqualTo(1);
    assertThat(condition(ready, "Ready").getReason()).isEqualTo("ThresholdsMet");
    assertThat(condition(ready, "Ready").getMessage())
        .isEqualTo("52 of 53 pods are ready, every group at its threshold");
    // The clients' stage started on the threshold, not on all 50 relay pods.
    StatefulSet desk =
        client.apps().statefulSets().inNamespace(ns.name()).withName("stuck-desk").get();
    assertThat(desk).isNotNull();
    assertThat(desk.getStatus().getReadyReplicas()).isEqualTo(2);
    // The pod that holds nothing back is really stuck, for the reason the test arranged.
    assertThat(
            client
                .pods()
                .inNamespace(ns.name())
                .withLabels(Map.of("chatnet.io/network", "stuck", "chatnet.io/group", "relay"))
                .list()
                .getItems())
        .filteredOn(p -> "Pending".equals(p.getStatus().getPhase()))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p.getStatus().getConditions())
                    .anyMatch(c -> "Unschedulable".equals(c.getReason())));
    // Placement reached the pod template.
    StatefulSet relay =
        client.apps().statefulSets().inNamespace(ns.name()).withName("stuck-relay").get();
    var pod = relay.getSpec().getTemplate().getSpec();
    assertThat(pod.getTopologySpreadConstraints())
        .singleElement()
        .satisfies(t -> assertThat(t.getMaxSkew()).isEqualTo(2));
    assertThat(pod.getImagePullSecrets()).extracting(s -> s.getName()).containsExactly("registry");
    assertThat(pod.getContainers().get(0).getImagePullPolicy()).isEqualTo("IfNotPresent");
  }

  @Test
  void aGroupThatCannotScheduleIsNamedWithItsCountAndCauseAfterTheDeadline(
      KubernetesClient client, TestNamespace ns) {
    create(
        client,
        ns,
        """
        apiVersion: chatnet.io/v1alpha1
        kind: ChatNetwork
        metadata: {name: nowhere}
        spec:
          seed: nowhere-1
          preflight: {skipChecks: [capacity]}
          readiness: {deadlineSeconds: 3}
          groups:
          - {name: boot, kind: nwaku, role: bootstrap, replicas: 1}
          - {name: relay, kind: nwaku, role: relay, replicas: 3, nodeSelector: {"chatnet.io/none": "x"}}
        """);
    long created = System.nanoTime();
    await("nowhere past its deadline")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              // The first look at the deadline may catch pods not yet created or a
              // StatefulSet's counters behind its pods; the cause follows within seconds.
              String progressing = reasonAndMessage(get(client, ns, "nowhere"), "Progressing");
              return progressing.startsWith(NetworkStatusCalculator.DEADLINE_EXCEEDED)
                  && progressing.contains("3 Unschedulable")
                  && !progressing.contains("boot");
            });
    double seconds = (System.nanoTime() - created) / 1e9;
    ChatNetwork stalled = get(client, ns, "nowhere");
    assertThat(seconds).as("seconds until the stall showed").isLessThan(3 + 10);
    assertThat(stalled.getStatus().getPhase()).isEqualTo(NetworkPhase.Provisioning);
    Condition progressing = condition(stalled, "Progressing");
    assertThat(progressing.getStatus()).isEqualTo("False");
    assertThat(progressing.getMessage())
        .startsWith(
            "not at the ready thresholds within 3 s (spec.readiness.deadlineSeconds); still"
                + " retrying: relay is short by 3 pods (0/3 ready, threshold 3): 3 Unschedulable"
                + " (e.g. nowhere-relay-0: 0/")
        .contains("node affinity/selector");
    assertThat(group(stalled, "relay").getNotReadyCauses()).startsWith("3 Unschedulable");
    assertThat(condition(stalled, "Ready").getMessage())
        .isEqualTo(
            "1 of 4 pods are ready; below threshold: relay is short by 3 pods (0/3 ready,"
                + " threshold 3)");
    await("the Warning event")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client.v1().events().inNamespace(ns.name()).list().getItems().stream()
                    .anyMatch(
                        e ->
                            "nowhere".equals(e.getInvolvedObject().getName())
                                && "Warning".equals(e.getType())
                                && NetworkStatusCalculator.DEADLINE_EXCEEDED.equals(e.getReason())
                                && e.getMessage().contains("3 Unschedulable")));
  }

  @Test
  void podsTheStatefulSetControllerCannotCreateAreExplainedByItsEvents(
      KubernetesClient client, TestNamespace ns) {
    // The Priority admission plugin refuses pods naming a PriorityClass that does not exist:
    // the StatefulSet is there, its pods never are.
    create(
        client,
        ns,
        """
        apiVersion: chatnet.io/v1alpha1
        kind: ChatNetwork
        metadata: {name: refused}
        spec:
          seed: refused-1
          readiness: {deadlineSeconds: 3}
          groups:
          - {name: boot, kind: nwaku, role: bootstrap, replicas: 1, priorityClassName: no-such-class}
        """);
    await("refused past its deadline with FailedCreate")
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              // "1 FailedCreate", not "FailedCreate": the interim NotCreated message says "no
              // FailedCreate event" until the StatefulSet controller's event is there.
              return reasonAndMessage(get(client, ns, "refused"), "Progressing")
                  .contains("1 FailedCreate");
            });
    assertThat(condition(get(client, ns, "refused"), "Progressing").getMessage())
        .contains("boot is short by 1 pods (0/1 ready, threshold 1): 1 FailedCreate")
        .contains("no-such-class");
  }
}
