package io.chatnet.operator.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NetworkConditions;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.testkit.LocalCluster;
import io.chatnet.testkit.LocalClusterExtension;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Preflight on the local cluster: 20 kwok nodes of 128 cores and 1Ti each (cluster/scripts/up.sh),
 * the API server's own ResourceQuota and PodSecurity admission. Each test has its own namespace and
 * operator, so a quota or a Pod Security label touches nothing else.
 */
@LocalClusterTest
class PreflightClusterTest {
  static final Duration RESYNC = Duration.ofSeconds(2);
  static final Duration REFUSAL_WITHIN = Duration.ofSeconds(10);

  @BeforeAll
  static void crds(KubernetesClient client) {
    Crds.install(client);
  }

  /** A namespace of this test class's, labelled, deleted with the class's leftovers. */
  static String namespace(
      KubernetesClient client, TestNamespace ns, String suffix, Map<String, String> labels) {
    String name = ns.name() + "-" + suffix;
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(LocalClusterExtension.TEST_LABEL, "true")
                .addToLabels(labels)
                .endMetadata()
                .build())
        .create();
    await("default ServiceAccount in " + name)
        .atMost(Duration.ofSeconds(30))
        .until(() -> client.serviceAccounts().inNamespace(name).withName("default").get() != null);
    return name;
  }

  static void inNamespace(KubernetesClient client, String namespace, Consumer<String> test) {
    try (InProcessOperator operator = InProcessOperator.start(namespace, RESYNC)) {
      test.accept(namespace);
    } finally {
      client.namespaces().withName(namespace).delete();
    }
  }

  /**
   * A bootstrap node and {@code relays} relay nodes; {@code relayExtra} is added to the relay
   * group.
   */
  static ChatNetwork network(
      KubernetesClient client,
      String namespace,
      String name,
      int relays,
      String relayExtra,
      String specExtra) {
    String yaml =
        "apiVersion: chatnet.io/v1alpha1\n"
            + "kind: ChatNetwork\n"
            + "metadata: {name: "
            + name
            + ", namespace: "
            + namespace
            + "}\n"
            + "spec:\n"
            + "  seed: "
            + name
            + "\n"
            + specExtra
            + "  groups:\n"
            + "  - {name: boot, kind: nwaku, role: bootstrap, replicas: 1}\n"
            + "  - name: relay\n"
            + "    kind: nwaku\n"
            + "    role: relay\n"
            + "    replicas: "
            + relays
            + "\n"
            + relayExtra;
    ChatNetwork network = client.getKubernetesSerialization().unmarshal(yaml, ChatNetwork.class);
    return client.resource(network).create();
  }

  static ChatNetwork get(KubernetesClient client, String namespace, String name) {
    return client.resources(ChatNetwork.class).inNamespace(namespace).withName(name).get();
  }

  static Condition preflight(ChatNetwork network) {
    if (network == null
        || network.getStatus() == null
        || network.getStatus().getConditions() == null) {
      return null;
    }
    return network.getStatus().getConditions().stream()
        .filter(c -> c.getType().equals(PreflightStep.CONDITION))
        .findFirst()
        .orElse(null);
  }

  /** Waits for condition Preflight with this status and reason, and returns its message. */
  static String awaitPreflight(
      KubernetesClient client,
      String namespace,
      String name,
      String status,
      String reason,
      Duration within) {
    await(name + " Preflight " + status + " " + reason)
        .atMost(within)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              Condition c = preflight(get(client, namespace, name));
              return c != null && c.getStatus().equals(status) && c.getReason().equals(reason);
            });
    return preflight(get(client, namespace, name)).getMessage();
  }

  static List<Event> warnings(
      KubernetesClient client, String namespace, String name, String reason) {
    return client.v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .filter(e -> "ChatNetwork".equals(e.getInvolvedObject().getKind()))
        .filter(e -> "Warning".equals(e.getType()) && reason.equals(e.getReason()))
        .toList();
  }

  /** A refused network: Pending, the condition, a Warning event, and nothing created. */
  static String assertRefused(
      KubernetesClient client, String namespace, String name, String reason) {
    String message = awaitPreflight(client, namespace, name, "False", reason, REFUSAL_WITHIN);
    await(name + " Warning event " + reason)
        .atMost(REFUSAL_WITHIN)
        .until(() -> !warnings(client, namespace, name, reason).isEmpty());
    assertThat(warnings(client, namespace, name, reason).get(0).getMessage()).isEqualTo(message);
    ChatNetwork network = get(client, namespace, name);
    assertThat(network.getStatus().getPhase()).isEqualTo(NetworkPhase.Pending);
    assertThat(network.getStatus().getGroups()).allMatch(g -> "Waiting".equals(g.getState()));
    assertThat(network.getStatus().getConditions())
        .anyMatch(
            c ->
                c.getType().equals("Progressing")
                    && c.getStatus().equals("False")
                    && c.getReason().equals(reason));
    assertNothingCreated(client, namespace);
    return message;
  }

  static void assertNothingCreated(KubernetesClient client, String namespace) {
    assertThat(client.apps().statefulSets().inNamespace(namespace).list().getItems()).isEmpty();
    assertThat(client.pods().inNamespace(namespace).list().getItems()).isEmpty();
    assertThat(client.services().inNamespace(namespace).list().getItems()).isEmpty();
    assertThat(
            client
                .configMaps()
                .inNamespace(namespace)
                .withLabel("app.kubernetes.io/managed-by", "chatnet")
                .list()
                .getItems())
        .isEmpty();
  }

  static void awaitReady(KubernetesClient client, String namespace, String name, String ready) {
    await(name + " Ready " + ready)
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              ChatNetwork n = get(client, namespace, name);
              return n.getStatus() != null
                  && n.getStatus().getPhase() == NetworkPhase.Ready
                  && ready.equals(n.getStatus().getReady());
            });
  }

  static Node kwokNode(String name) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .addToAnnotations("kwok.x-k8s.io/node", "fake")
        .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
        .addToLabels("kubernetes.io/hostname", name)
        .addToLabels("type", "kwok")
        .endMetadata()
        .withNewStatus()
        .addToAllocatable("cpu", new Quantity("128"))
        .addToAllocatable("memory", new Quantity("1Ti"))
        .addToAllocatable("pods", new Quantity("600"))
        .addToCapacity("cpu", new Quantity("128"))
        .addToCapacity("memory", new Quantity("1Ti"))
        .addToCapacity("pods", new Quantity("600"))
        .endStatus()
        .build();
  }

  @Test
  void aNetworkShortOfCapacityCreatesNothingAndStartsWhenNodesAppear(
      KubernetesClient client, TestNamespace ns) {
    String namespace = namespace(client, ns, "cap", Map.of());
    int nodes = client.nodes().list().getItems().size();
    // One 100-core relay fits on each 128-core node: nodes + 10 relays are 10 too many.
    int relays = nodes + 10;
    inNamespace(
        client,
        namespace,
        n -> {
          network(client, n, "big", relays, "    resources: {requests: {cpu: \"100\"}}\n", "");
          String message = assertRefused(client, n, "big", Finding.INSUFFICIENT_CAPACITY);
          assertThat(message)
              .startsWith(
                  "group relay (spec.groups[1]) adds " + relays + " pods requesting cpu 100 each; ")
              .contains(
                  " of them fit on the "
                      + nodes
                      + " nodes it may use (of "
                      + nodes
                      + "): cpu needed "
                      + (relays * 100)
                      + ", free ")
              .contains(
                  "Fix: add nodes, lower spec.groups[1].replicas or spec.groups[1].resources.requests")
              .contains("spec.preflight.skipChecks: [capacity]");
          // Rechecked, still refused, still nothing created.
          await().pollDelay(Duration.ofSeconds(5)).until(() -> true);
          assertNothingCreated(client, n);
          assertThat(preflight(get(client, n, "big")).getStatus()).isEqualTo("False");

          // Capacity appears: ten more nodes. No spec change.
          List<Node> added = new ArrayList<>();
          try {
            for (int i = 0; i < 10; i++) {
              added.add(client.nodes().resource(kwokNode(namespace + "-extra-" + i)).create());
            }
            String passed =
                awaitPreflight(
                    client, n, "big", "True", PreflightStep.PASSED, Duration.ofSeconds(40));
            assertThat(passed)
                .startsWith((relays + 1) + " pods to add; ")
                .contains("capacity: the network adds cpu " + (relays * 100) + ".15")
                .contains((nodes + 10) + " schedulable nodes have");
            await("the boot StatefulSet")
                .atMost(REFUSAL_WITHIN)
                .until(
                    () ->
                        client.apps().statefulSets().inNamespace(n).withName("big-boot").get()
                            != null);
            awaitReady(client, n, "big", (relays + 1) + "/" + (relays + 1));
            assertThat(client.v1().events().inNamespace(n).list().getItems())
                .anyMatch(e -> PreflightStep.PASSED_EVENT.equals(e.getReason()));
          } finally {
            client.resources(ChatNetwork.class).inNamespace(n).withName("big").delete();
            await()
                .atMost(Duration.ofMinutes(1))
                .until(() -> client.pods().inNamespace(n).list().getItems().isEmpty());
            added.forEach(node -> client.resource(node).delete());
          }
        });
  }

  @Test
  void aResourceQuotaTooSmallRefusesUntilItIsRemoved(KubernetesClient client, TestNamespace ns) {
    String namespace = namespace(client, ns, "quota", Map.of());
    client
        .resource(
            new ResourceQuotaBuilder()
                .withNewMetadata()
                .withName("tight")
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .addToHard("pods", new Quantity("3"))
                .addToHard("requests.memory", new Quantity("10Gi"))
                .endSpec()
                .build())
        .create();
    inNamespace(
        client,
        namespace,
        n -> {
          network(client, n, "lab", 4, "", "");
          String message = assertRefused(client, n, "lab", Finding.QUOTA_EXCEEDED);
          assertThat(message)
              .startsWith(
                  "ResourceQuota tight: pods would reach 5 of hard 3 (used 0, the network adds 5,"
                      + " free 3). Fix: raise the quota's spec.hard[pods]")
              .doesNotContain("requests.memory");

          client.resourceQuotas().inNamespace(n).withName("tight").delete();
          awaitPreflight(client, n, "lab", "True", PreflightStep.PASSED, Duration.ofSeconds(40));
          awaitReady(client, n, "lab", "5/5");
        });
  }

  @Test
  void baselineRefusesNetworkConditionsWithTheFixAndSkipOrRelabelLetsItProceed(
      KubernetesClient client, TestNamespace ns) {
    String namespace = namespace(client, ns, "psa", Map.of(PodSecurityCheck.ENFORCE, "baseline"));
    String netem = "    networkConditions: {latencyMillis: 50}\n";
    inNamespace(
        client,
        namespace,
        n -> {
          network(client, n, "lab", 2, netem, "");
          String message = assertRefused(client, n, "lab", Finding.POD_SECURITY);
          assertThat(message)
              .startsWith(
                  "namespace "
                      + n
                      + " enforces Pod Security baseline (version latest), which"
                      + " refuses the pods of group relay (spec.groups[1]): init container netem:"
                      + " securityContext.capabilities.add NET_ADMIN (baseline: capabilities).")
              .contains(
                  "Fix: kubectl label namespace "
                      + n
                      + " pod-security.kubernetes.io/enforce=privileged --overwrite, or drop"
                      + " spec.groups[1].networkConditions, or set spec.preflight.skipChecks:"
                      + " [podSecurity]");

          // The same network with the skip field proceeds; the API server then refuses the netem
          // pods itself, which is what the preflight foretold.
          network(client, n, "skip", 2, netem, "  preflight: {skip: true}\n");
          assertThat(
                  awaitPreflight(client, n, "skip", "True", PreflightStep.SKIPPED, REFUSAL_WITHIN))
              .startsWith("spec.preflight.skip is true");
          await("the API server refuses the skipped network's netem pods")
              .atMost(Duration.ofMinutes(1))
              .until(
                  () ->
                      client.v1().events().inNamespace(n).list().getItems().stream()
                          .anyMatch(
                              e ->
                                  "skip-relay".equals(e.getInvolvedObject().getName())
                                      && "FailedCreate".equals(e.getReason())
                                      && e.getMessage().contains("NET_ADMIN")));
          assertThat(client.apps().statefulSets().inNamespace(n).withName("lab-boot").get())
              .isNull();

          // Removing the blocker (the label) lets the first network proceed, spec unchanged.
          client
              .namespaces()
              .withName(n)
              .edit(
                  x -> {
                    x.getMetadata().getLabels().put(PodSecurityCheck.ENFORCE, "privileged");
                    return x;
                  });
          assertThat(
                  awaitPreflight(
                      client, n, "lab", "True", PreflightStep.PASSED, Duration.ofSeconds(40)))
              .contains(
                  "Pod Security: namespace enforces privileged (version latest), the pod templates comply");
          awaitReady(client, n, "lab", "3/3");
        });
  }

  /**
   * The evaluator and the API server's PodSecurity admission agree on every built template: each is
   * dry-run created as a pod in a namespace of each level.
   */
  @Test
  void theApiServerAgreesWithTheEvaluatorOnTheBuiltTemplates(
      KubernetesClient client, TestNamespace ns) {
    ChatNetwork smoke = Scenarios.network("smoke.yaml", "x");
    NetworkConditions conditions = new NetworkConditions();
    conditions.setLatencyMillis(20);
    conditions.setLossPercent(1.0);
    smoke.getSpec().getGroups().get(1).setNetworkConditions(conditions);
    List<GroupDemand> demands = NetworkDemand.of(smoke, Map.of(), Set.of(), Scenarios.DEFAULTS);
    int refusals = 0;
    for (String level : List.of("baseline", "restricted")) {
      String namespace = namespace(client, ns, level, Map.of(PodSecurityCheck.ENFORCE, level));
      try {
        for (GroupDemand d : demands) {
          PodSpec spec = d.pod();
          Pod pod =
              new PodBuilder()
                  .withNewMetadata()
                  .withName("probe-" + d.group().getName())
                  .withNamespace(namespace)
                  .endMetadata()
                  .withSpec(spec)
                  .build();
          boolean admitted;
          String refusal = "";
          try {
            client.resource(pod).dryRun().create();
            admitted = true;
          } catch (KubernetesClientException e) {
            admitted = false;
            refusal = e.getMessage();
          }
          List<PodSecurityCheck.Violation> violations =
              PodSecurityCheck.violations(
                  spec, PodSecurityCheck.Policy.of(Map.of(PodSecurityCheck.ENFORCE, level)));
          assertThat(admitted)
              .as(
                  level
                      + " "
                      + d.describe()
                      + ": API server "
                      + refusal
                      + " / evaluator "
                      + violations)
              .isEqualTo(violations.isEmpty());
          refusals += admitted ? 0 : 1;
        }
      } finally {
        client.namespaces().withName(namespace).delete();
      }
    }
    assertThat(refusals).as("the netem group is refused at both levels").isEqualTo(2);
  }

  /** Counts the operator's cluster-wide preflight reads. */
  static final class ReadCounter implements Interceptor {
    final AtomicInteger nodeLists = new AtomicInteger();
    final AtomicInteger allPodLists = new AtomicInteger();
    final AtomicInteger quotaLists = new AtomicInteger();

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
      String path = request.uri().getPath();
      if (path.equals("/api/v1/nodes")) {
        nodeLists.incrementAndGet();
      } else if (path.equals("/api/v1/pods")) {
        allPodLists.incrementAndGet();
      } else if (path.endsWith("/resourcequotas")) {
        quotaLists.incrementAndGet();
      }
    }

    int total() {
      return nodeLists.get() + allPodLists.get() + quotaLists.get();
    }
  }

  @Test
  void aReadyNetworkCostsNoPreflightReadsAndAScaleUpChecksTheAddedPods(
      KubernetesClient client, TestNamespace ns) throws Exception {
    String namespace = namespace(client, ns, "reads", Map.of());
    ReadCounter counter = new ReadCounter();
    Config config = Config.fromKubeconfig(Files.readString(LocalCluster.get().kubeconfig()));
    config.setUserAgent(InProcessOperator.USER_AGENT);
    KubernetesClient counted =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientBuilderConsumer(
                b -> b.addOrReplaceInterceptor("preflight-reads", counter))
            .build();
    try (InProcessOperator operator = InProcessOperator.start(namespace, RESYNC, counted)) {
      network(client, namespace, "lab", 2, "", "");
      awaitReady(client, namespace, "lab", "3/3");
      assertThat(counter.nodeLists.get()).as("checked before creating").isPositive();
      assertThat(preflight(get(client, namespace, "lab")).getMessage())
          .startsWith("3 pods to add; ");

      int before = counter.total();
      await().pollDelay(Duration.ofSeconds(3 * RESYNC.toSeconds())).until(() -> true);
      assertThat(counter.total()).as("reads while Ready, over three resyncs").isEqualTo(before);

      client
          .resources(ChatNetwork.class)
          .inNamespace(namespace)
          .withName("lab")
          .edit(
              x -> {
                x.getSpec().getGroups().get(1).setReplicas(4);
                return x;
              });
      await("the scale-up checked")
          .atMost(REFUSAL_WITHIN)
          .until(
              () -> {
                Condition c = preflight(get(client, namespace, "lab"));
                return c != null && c.getMessage().startsWith("2 pods to add; ");
              });
      assertThat(counter.nodeLists.get()).isGreaterThan(0);
      awaitReady(client, namespace, "lab", "5/5");
    } finally {
      client.namespaces().withName(namespace).delete();
    }
  }
}
