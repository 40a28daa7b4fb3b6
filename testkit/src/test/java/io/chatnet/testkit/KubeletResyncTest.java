package io.chatnet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The simulated cluster's kubelets recover as real ones do after a control plane outage
 * (bench/reliability.md, findings 5, 12 and 13): a pod kube-controller-manager marked not ready is
 * set Ready again (cluster/kwok/pod-ready-again.yaml), and a pod whose start kwok failed to write
 * and gave up on is started by the status sync kwok lacks (cluster/scripts/kwok-resync.py).
 */
@LocalClusterTest
class KubeletResyncTest {
  static final String REFUSE = "chatnet.io/refuse-status";

  @Test
  void aPodMarkedNotReadyIsSetReadyAgain(KubernetesClient client, TestNamespace ns) {
    client.resource(pod(ns, "marked", Map.of())).create();
    await("pod Ready").atMost(Duration.ofSeconds(30)).until(() -> ready(client, ns, "marked"));

    // what MarkPodsNotReady (pkg/controller/util/node, k8s v1.35.4) writes for a node gone unheard
    client
        .pods()
        .inNamespace(ns.name())
        .withName("marked")
        .editStatus(
            p -> {
              p.getStatus().getConditions().stream()
                  .filter(c -> "Ready".equals(c.getType()))
                  .forEach(c -> c.setStatus("False"));
              return p;
            });

    await("pod Ready again")
        .atMost(Duration.ofSeconds(15))
        .until(() -> ready(client, ns, "marked"));
  }

  @Test
  void aPodKwokGaveUpOnIsStartedByTheResync(KubernetesClient client, TestNamespace ns) {
    String name = "refuse-" + ns.name();
    // kwok retries a failed write only when refused, timed out, 503 or 429: a denial by admission
    // (as a 500 from a restarting etcd) ends its stage for good
    ValidatingAdmissionPolicy policy =
        new ValidatingAdmissionPolicyBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .withFailurePolicy("Fail")
            .withNewMatchConstraints()
            .addNewResourceRule()
            .withApiGroups("")
            .withApiVersions("v1")
            .withOperations("UPDATE")
            .withResources("pods/status")
            .endResourceRule()
            .endMatchConstraints()
            .addNewValidation()
            .withExpression(
                "!has(object.metadata.labels) || !('" + REFUSE + "' in object.metadata.labels)")
            .withMessage("status writes refused for this test")
            .endValidation()
            .endSpec()
            .build();
    ValidatingAdmissionPolicyBinding binding =
        new ValidatingAdmissionPolicyBindingBuilder()
            .withNewMetadata()
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .withPolicyName(name)
            .withValidationActions("Deny")
            .withNewMatchResources()
            .withNewNamespaceSelector()
            .addToMatchLabels("kubernetes.io/metadata.name", ns.name())
            .endNamespaceSelector()
            .endMatchResources()
            .endSpec()
            .build();
    client.resource(policy).create();
    client.resource(binding).create();
    try {
      // the policy is enforced once the API server has compiled it: probe with a write of our own
      client.resource(pod(ns, "probe", Map.of(REFUSE, "true"))).create();
      await("the policy enforced")
          .atMost(Duration.ofSeconds(30))
          .until(() -> refused(client, ns, "probe"));

      client.resource(pod(ns, "stuck", Map.of(REFUSE, "true"))).create();
      await("pod scheduled")
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  client
                          .pods()
                          .inNamespace(ns.name())
                          .withName("stuck")
                          .get()
                          .getSpec()
                          .getNodeName()
                      != null);
      // kwok plays its stage at once on a scheduled pod; give it time to try and be refused
      await().pollDelay(Duration.ofSeconds(5)).until(() -> true);
      assertThat(
              client.pods().inNamespace(ns.name()).withName("stuck").get().getStatus().getPodIP())
          .as("not started while its status writes are refused")
          .isNull();
    } finally {
      client.resource(binding).delete();
      client.resource(policy).delete();
    }

    // kwok does not try again by itself: only the resync's touch (after 30 s unchanged) does
    await("pod started by the resync")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> ready(client, ns, "stuck"));
    assertThat(
            client
                .pods()
                .inNamespace(ns.name())
                .withName("stuck")
                .get()
                .getMetadata()
                .getAnnotations())
        .as("touched by kwok-resync")
        .containsKey("kwok.chatnet.io/resync");
  }

  static Pod pod(TestNamespace ns, String name, Map<String, String> labels) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns.name())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("c")
        .withImage("example.invalid/never-pulled:1")
        .endContainer()
        .endSpec()
        .build();
  }

  static boolean ready(KubernetesClient client, TestNamespace ns, String name) {
    Pod pod = client.pods().inNamespace(ns.name()).withName(name).get();
    return pod != null
        && pod.getStatus() != null
        && Optional.ofNullable(pod.getStatus().getConditions()).orElse(java.util.List.of()).stream()
            .filter(c -> "Ready".equals(c.getType()))
            .map(PodCondition::getStatus)
            .anyMatch("True"::equals);
  }

  /** Whether a status write to the pod is refused by the policy now. */
  static boolean refused(KubernetesClient client, TestNamespace ns, String name) {
    try {
      client
          .pods()
          .inNamespace(ns.name())
          .withName(name)
          .editStatus(
              p -> {
                p.getStatus().setMessage("probe " + System.nanoTime());
                return p;
              });
      return false;
    } catch (KubernetesClientException e) {
      return e.getCode() == 422 || e.getCode() == 403;
    }
  }
}
