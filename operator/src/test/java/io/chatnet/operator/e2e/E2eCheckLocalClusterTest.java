package io.chatnet.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Crds;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.testkit.LocalCluster;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * make e2e against the local cluster: its nodes are kwok's, so the check says so in one line and
 * stops with success, before touching anything; and the e2e manifests are what the API server
 * admits.
 */
@LocalClusterTest
class E2eCheckLocalClusterTest {
  @Test
  void theLocalClusterIsRecognisedAsRunningNoContainers(KubernetesClient client) {
    List<Node> nodes = client.nodes().list().getItems();
    assertThat(nodes).isNotEmpty().allMatch(SimulatedCluster::simulated);
    assertThat(SimulatedCluster.runsNoContainers(nodes))
        .hasValue(
            "all "
                + nodes.size()
                + " of its nodes are kwok's simulated nodes, annotated kwok.x-k8s.io/node=fake");
  }

  @Test
  void onTheLocalClusterTheCheckSaysSoInOneLineAndStops(KubernetesClient client) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      code =
          E2eCheck.run(
              out,
              "--kubeconfig",
              LocalCluster.get().kubeconfig().toString(),
              "--namespace",
              "chatnet-e2e-never-created",
              "--manifests",
              Scenarios.dir().resolve("e2e").toString());
    }
    String output = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).isZero();
    assertThat(output.lines()).hasSize(1);
    assertThat(output)
        .startsWith("make e2e: the cluster at " + client.getMasterUrl())
        .contains("runs no containers (all ")
        .contains("kwok's simulated nodes")
        .endsWith("the end-to-end check needs a real cluster, stopping.\n");
    assertThat(client.namespaces().withName("chatnet-e2e-never-created").get()).isNull();
  }

  @Test
  void theE2eManifestsAreAdmitted(KubernetesClient client, TestNamespace ns) throws Exception {
    Crds.install(client);
    ChatNetwork network = Scenarios.manifest("e2e/network.yaml", ns.name(), null);
    ChatExperiment experiment =
        Serialization.unmarshal(
            Files.readString(Scenarios.dir().resolve("e2e/experiment.yaml")), ChatExperiment.class);
    experiment.getMetadata().setNamespace(ns.name());
    // A server-side dry run: admission (schema and CEL) without anything for an operator to do.
    assertThat(client.resource(network).dryRun().create().getMetadata().getName()).isEqualTo("e2e");
    assertThat(client.resource(experiment).dryRun().create().getSpec().getDurationSeconds())
        .isEqualTo(60);
  }

  /** Runs the check with {@code args} after the kubeconfig and manifests; output and exit code. */
  record Result(int code, String output) {}

  static Result check(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      List<String> all =
          new java.util.ArrayList<>(
              List.of(
                  "--kubeconfig",
                  LocalCluster.get().kubeconfig().toString(),
                  "--manifests",
                  Scenarios.dir().resolve("e2e").toString(),
                  "--run-on-simulated"));
      all.addAll(List.of(args));
      code = E2eCheck.run(out, all.toArray(String[]::new));
    }
    return new Result(code, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void withoutAnOperatorTheCheckSaysSoBeforeCreatingAnything(KubernetesClient client) {
    Crds.install(client);
    String namespace = "e2e-no-operator";
    Result result = check("--namespace", namespace);
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.output())
        .contains("make e2e: no chatnet operator is installed (no Deployment labelled")
        .contains("--skip-operator-check");
    assertThat(client.namespaces().withName(namespace).get()).isNull();
  }

  @Test
  void aNetworkThatNeverTurnsReadyEndsAtItsDeadlineAndTheNamespaceIsDeleted(
      KubernetesClient client) {
    Crds.install(client);
    // No operator watches this namespace: the network never gets a status.
    String namespace = "e2e-no-status";
    Result result =
        check(
            "--namespace",
            namespace,
            "--skip-operator-check",
            "--network-timeout",
            "PT6S",
            "--poll",
            "PT1S");
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.output())
        .contains("make e2e: created namespace " + namespace)
        .contains("make e2e: applied network e2e; waiting up to PT6S for Ready")
        .contains("make e2e: network e2e: no status yet")
        .contains("make e2e: network e2e not Ready after PT6S:")
        .contains(
            "  it has no status: is the chatnet operator running and watching namespace "
                + namespace
                + "?")
        .contains("make e2e: deleting namespace " + namespace + " (KEEP=1 keeps it)")
        .doesNotContain("applied experiment");
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .until(
            () -> {
              var ns = client.namespaces().withName(namespace).get();
              return ns == null || ns.getMetadata().getDeletionTimestamp() != null;
            });
  }
}
