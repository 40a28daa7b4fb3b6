package io.chatnet.operator.reconciler;

import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.awaitPhase;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.readyNetwork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.monitoring.ScrapeConvention;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Where the Prometheus Operator's PodMonitor CRD is served, a network gets a PodMonitor for its
 * nodes and an experiment one for its load generator shards, both owned (garbage-collected with
 * them). The CRD is cluster-wide and shared with other tests: a minimal copy is installed if absent
 * and never deleted.
 */
@LocalClusterTest
class PodMonitorClusterTest {
  static final String CRD = "podmonitors.monitoring.coreos.com";
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

  /** A minimal PodMonitor CRD (schema left open), unless one (maybe the real one) exists. */
  static void installPodMonitorCrd(KubernetesClient client) {
    if (client.apiextensions().v1().customResourceDefinitions().withName(CRD).get() == null) {
      CustomResourceDefinition crd =
          new CustomResourceDefinitionBuilder()
              .withNewMetadata()
              .withName(CRD)
              .addToAnnotations("chatnet.io/note", "minimal copy installed by chatnet tests")
              .endMetadata()
              .withNewSpec()
              .withGroup("monitoring.coreos.com")
              .withScope("Namespaced")
              .withNewNames()
              .withKind("PodMonitor")
              .withListKind("PodMonitorList")
              .withPlural("podmonitors")
              .withSingular("podmonitor")
              .endNames()
              .addNewVersion()
              .withName("v1")
              .withServed(true)
              .withStorage(true)
              .withNewSchema()
              .withNewOpenAPIV3Schema()
              .withType("object")
              .withXKubernetesPreserveUnknownFields(true)
              .endOpenAPIV3Schema()
              .endSchema()
              .endVersion()
              .endSpec()
              .build();
      try {
        client.resource(crd).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e; // 409: another test installed it meanwhile
        }
      }
    }
    await("PodMonitor served")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> client.supports(ScrapeConvention.API_VERSION, ScrapeConvention.POD_MONITOR));
  }

  static GenericKubernetesResource podMonitor(
      KubernetesClient client, TestNamespace ns, String name) {
    return client
        .genericKubernetesResources(ScrapeConvention.API_VERSION, ScrapeConvention.POD_MONITOR)
        .inNamespace(ns.name())
        .withName(name)
        .get();
  }

  @Test
  void aNetworkAndAnExperimentGetTheirPodMonitors(KubernetesClient client, TestNamespace ns) {
    readyNetwork(client, ns, "watched");
    GenericKubernetesResource nodes =
        await("the network's PodMonitor")
            .atMost(Duration.ofSeconds(30))
            .until(() -> podMonitor(client, ns, "watched-nodes"), m -> m != null);
    assertThat(nodes.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("ChatNetwork"));
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) nodes.getAdditionalProperties().get("spec");
    assertThat(spec.get("podMetricsEndpoints")).asList().hasSize(1);

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
    GenericKubernetesResource shards =
        await("the experiment's PodMonitor")
            .atMost(Duration.ofSeconds(30))
            .until(() -> podMonitor(client, ns, "watched-exp-loadgen"), m -> m != null);
    assertThat(shards.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("ChatExperiment"));
  }
}
