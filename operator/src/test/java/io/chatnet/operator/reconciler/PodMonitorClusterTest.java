package io.chatnet.operator.reconciler;

import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.awaitPhase;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.readyNetwork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.monitoring.LoadGeneratorPodMonitor;
import io.chatnet.operator.monitoring.NetworkPodMonitor;
import io.chatnet.operator.monitoring.ScrapeConvention;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where the Prometheus Operator's PodMonitor CRD is served, a network gets a PodMonitor for its
 * nodes and an experiment one for its load generator shards, both owned (garbage-collected with
 * them), kept by the API server as built. The CRD is cluster-wide and shared with other tests: the
 * upstream one is installed if absent and never deleted.
 */
@LocalClusterTest
class PodMonitorClusterTest {
  static final String CRD = "podmonitors.monitoring.coreos.com";
  static final String CRD_RESOURCE = "/upstream/prometheus-operator-v0.85.0-podmonitors.yaml";
  static final String UPSTREAM_VERSION = "operator.prometheus.io/version";
  static InProcessOperator operator;

  @BeforeAll
  static void start(KubernetesClient client, TestNamespace ns) {
    Crds.install(client);
    installPodMonitorCrd(client);
    operator = InProcessOperator.start(ns.name(), Duration.ofSeconds(2));
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  /**
   * The Prometheus Operator's PodMonitor CRD, as released upstream (the schema Fabric8's typed
   * model follows, see the file's header), unless a real one is already installed. A minimal copy
   * with an open schema, which earlier versions of this test installed, is replaced: it would not
   * prune or reject what the real schema does.
   */
  static void installPodMonitorCrd(KubernetesClient client) {
    CustomResourceDefinition existing =
        client.apiextensions().v1().customResourceDefinitions().withName(CRD).get();
    if (existing == null
        || existing.getMetadata().getAnnotations() == null
        || !existing.getMetadata().getAnnotations().containsKey(UPSTREAM_VERSION)) {
      try (InputStream in = PodMonitorClusterTest.class.getResourceAsStream(CRD_RESOURCE)) {
        CustomResourceDefinition crd =
            client.apiextensions().v1().customResourceDefinitions().load(in).item();
        client.resource(crd).fieldManager("chatnet-tests").forceConflicts().serverSideApply();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    await("PodMonitor served")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> client.supports(ScrapeConvention.API_VERSION, ScrapeConvention.POD_MONITOR));
  }

  static PodMonitor podMonitor(KubernetesClient client, TestNamespace ns, String name) {
    return client.resources(PodMonitor.class).inNamespace(ns.name()).withName(name).get();
  }

  @Test
  void aNetworkAndAnExperimentGetTheirPodMonitors(KubernetesClient client, TestNamespace ns) {
    readyNetwork(client, ns, "watched");
    PodMonitor nodes =
        await("the network's PodMonitor")
            .atMost(Duration.ofSeconds(30))
            .until(() -> podMonitor(client, ns, "watched-nodes"), m -> m != null);
    assertThat(nodes.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("ChatNetwork"));
    // What the real schema kept is what was built: nothing pruned, nothing defaulted away.
    PodMonitor built = NetworkPodMonitor.build(network(client, ns, "watched"));
    assertThat(nodes.getSpec()).isEqualTo(built.getSpec());
    assertThat(nodes.getSpec().getPodMetricsEndpoints().get(0).getRelabelings()).hasSize(4);

    // The pods it selects carry the labels its relabelings read, and the scrape annotations.
    List<Pod> pods =
        client
            .pods()
            .inNamespace(ns.name())
            .withLabel("chatnet.io/network", "watched")
            .withLabel("chatnet.io/group")
            .list()
            .getItems();
    assertThat(pods).hasSize(16);
    assertThat(pods)
        .allSatisfy(
            p -> {
              assertThat(p.getMetadata().getLabels())
                  .containsKeys("chatnet.io/group", "chatnet.io/role");
              assertThat(p.getMetadata().getAnnotations())
                  .containsEntry("prometheus.io/scrape", "true");
            });

    client
        .resource(ChatExperimentLifecycleTest.experiment(ns, "watched-exp", "watched", ""))
        .create();
    awaitPhase(client, ns, "watched-exp", ExperimentPhase.Preparing);
    PodMonitor shards =
        await("the experiment's PodMonitor")
            .atMost(Duration.ofSeconds(30))
            .until(() -> podMonitor(client, ns, "watched-exp-loadgen"), m -> m != null);
    assertThat(shards.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("ChatExperiment"));
    assertThat(shards.getSpec())
        .isEqualTo(
            LoadGeneratorPodMonitor.build(
                    client
                        .resources(ChatExperiment.class)
                        .inNamespace(ns.name())
                        .withName("watched-exp")
                        .get())
                .getSpec());
  }

  static ChatNetwork network(KubernetesClient client, TestNamespace ns, String name) {
    return client.resources(ChatNetwork.class).inNamespace(ns.name()).withName(name).get();
  }
}
