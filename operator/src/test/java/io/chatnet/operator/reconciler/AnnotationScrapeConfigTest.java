package io.chatnet.operator.reconciler;

import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.readyNetwork;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.chatnet.testkit.prometheus.PrometheusServer;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The annotation-based scrape config the docs give (docs/prometheus/chatnet-pods.yaml), its relabel
 * rules applied by a real Prometheus to the operator's real pods: each pod of a network becomes one
 * target on its annotated metrics port, labelled by the chatnet convention.
 *
 * <p>Debian's prometheus is built without Kubernetes discovery ("field kubernetes_sd_configs not
 * found"), so the test stands in for it: it lists the pods and writes, for a file_sd config, the
 * targets and {@code __meta_kubernetes_pod_*} labels the pod role would produce (one target per
 * container port). Pods run no containers here, so the scrapes fail; relabeling is what is shown.
 */
@LocalClusterTest
class AnnotationScrapeConfigTest {

  @Test
  void everyNodeIsOneTargetWithTheConventionsLabels(KubernetesClient client, TestNamespace ns)
      throws Exception {
    Crds.install(client);
    try (InProcessOperator operator = InProcessOperator.start(ns.name(), Duration.ofSeconds(2))) {
      readyNetwork(client, ns, "annotated");
    }
    Path repo = Path.of(System.getProperty("chatnet.repo.dir", ".."));
    String documented = Files.readString(repo.resolve("docs/prometheus/chatnet-pods.yaml"));
    // Point discovery at the test cluster and this test's namespace only.
    List<Pod> pods =
        client
            .pods()
            .inNamespace(ns.name())
            .withLabel("chatnet.io/network", "annotated")
            .list()
            .getItems();
    assertThat(pods).hasSize(16);
    Path targetsFile = Files.createTempFile("chatnet-pods", ".json");
    Files.writeString(
        targetsFile, client.getKubernetesSerialization().asJson(podRoleTargets(pods)));
    assertThat(documented).contains("  kubernetes_sd_configs:\n  - role: pod\n");
    String config =
        documented.replace(
            "  kubernetes_sd_configs:\n  - role: pod\n",
            "  file_sd_configs:\n  - files: ['" + targetsFile + "']\n");

    try (PrometheusServer prometheus = PrometheusServer.builder().scrapeConfigs(config).start()) {
      JsonNode targets =
          await("16 targets discovered")
              .atMost(Duration.ofSeconds(60))
              .pollInterval(Duration.ofMillis(500))
              .until(
                  () -> prometheus.api("/api/v1/targets?state=active").path("activeTargets"),
                  t -> t.size() == 16);
      Map<String, JsonNode> byPod = new HashMap<>();
      targets.forEach(t -> byPod.put(t.path("labels").path("pod").asText(), t));
      for (Pod pod : pods) {
        JsonNode target = byPod.get(pod.getMetadata().getName());
        assertThat(target).as(pod.getMetadata().getName()).isNotNull();
        JsonNode labels = target.path("labels");
        Map<String, String> podLabels = pod.getMetadata().getLabels();
        assertThat(labels.path("namespace").asText()).isEqualTo(ns.name());
        assertThat(labels.path("chatnet_network").asText()).isEqualTo("annotated");
        assertThat(labels.path("chatnet_group").asText())
            .isEqualTo(podLabels.get("chatnet.io/group"));
        assertThat(labels.path("chatnet_role").asText())
            .isEqualTo(podLabels.get("chatnet.io/role"));
        assertThat(labels.has("chatnet_experiment")).isFalse();
        String port = pod.getMetadata().getAnnotations().get("prometheus.io/port");
        assertThat(target.path("scrapeUrl").asText())
            .isEqualTo("http://" + pod.getStatus().getPodIP() + ":" + port + "/metrics");
      }
    } finally {
      Files.deleteIfExists(targetsFile);
    }
  }

  /** What Prometheus's Kubernetes discovery (role pod) yields for these pods. */
  static List<Map<String, Object>> podRoleTargets(List<Pod> pods) {
    List<Map<String, Object>> groups = new ArrayList<>();
    for (Pod pod : pods) {
      for (Container container : pod.getSpec().getContainers()) {
        for (ContainerPort port : container.getPorts()) {
          Map<String, String> labels = new LinkedHashMap<>();
          labels.put("__meta_kubernetes_namespace", pod.getMetadata().getNamespace());
          labels.put("__meta_kubernetes_pod_name", pod.getMetadata().getName());
          labels.put("__meta_kubernetes_pod_phase", pod.getStatus().getPhase());
          labels.put("__meta_kubernetes_pod_container_name", container.getName());
          labels.put("__meta_kubernetes_pod_container_port_name", port.getName());
          pod.getMetadata()
              .getLabels()
              .forEach((k, v) -> labels.put("__meta_kubernetes_pod_label_" + sanitize(k), v));
          pod.getMetadata()
              .getAnnotations()
              .forEach((k, v) -> labels.put("__meta_kubernetes_pod_annotation_" + sanitize(k), v));
          groups.add(
              Map.of(
                  "targets",
                  List.of(pod.getStatus().getPodIP() + ":" + port.getContainerPort()),
                  "labels",
                  labels));
        }
      }
    }
    return groups;
  }

  static String sanitize(String name) {
    return name.replaceAll("[^a-zA-Z0-9_]", "_");
  }
}
