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
                + " of its nodes are simulated by kwok (kwok.x-k8s.io/node=fake)");
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
        .contains("simulated by kwok")
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
}
