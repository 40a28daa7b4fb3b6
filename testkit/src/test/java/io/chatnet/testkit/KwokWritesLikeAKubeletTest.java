package io.chatnet.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kwok's pod writes carry a kubelet's UID guard (cluster/kwok/kwok-writes-like-a-kubelet.yaml,
 * bench/reliability.md finding 18): a late delete or status write kwok meant for an older pod of
 * the same name is refused, while its delete of a pod that is terminating still goes through. The
 * writes are made as kwok's user (impersonated by the admin), as kwok would send them, by name.
 */
@LocalClusterTest
class KwokWritesLikeAKubeletTest {
  static final String KWOK_USER = "kwok-controller"; // cluster/scripts/pki.sh
  KubernetesClient asKwok;

  @BeforeEach
  void impersonateKwok(KubernetesClient client) {
    Config config =
        new ConfigBuilder(client.getConfiguration())
            .withImpersonateUsername(KWOK_USER)
            // kwok's certificate carries O=system:masters (cluster/scripts/pki.sh)
            .withImpersonateGroups("system:masters")
            .build();
    asKwok = new KubernetesClientBuilder().withConfig(config).build();
  }

  @AfterEach
  void close() {
    asKwok.close();
  }

  @Test
  void aLateDeleteByNameSparesTheNewerPod(KubernetesClient client, TestNamespace ns) {
    // the newer pod: kwok saw an older pod of this name terminating and deletes "it" now
    client.resource(pod(ns, "reused", Map.of())).create();
    await("pod Running")
        .atMost(Duration.ofSeconds(30))
        .until(() -> KubeletResyncTest.ready(client, ns, "reused"));

    assertThatThrownBy(
            () ->
                asKwok.pods().inNamespace(ns.name()).withName("reused").withGracePeriod(0).delete())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("kwok may delete only a pod being deleted");
    Pod survivor = client.pods().inNamespace(ns.name()).withName("reused").get();
    assertThat(survivor).isNotNull();
    assertThat(survivor.getMetadata().getDeletionTimestamp()).isNull();
  }

  @Test
  void aTerminatingPodIsStillDeletedByKwok(KubernetesClient client, TestNamespace ns) {
    client.resource(pod(ns, "leaving", Map.of())).create();
    await("pod Running")
        .atMost(Duration.ofSeconds(30))
        .until(() -> KubeletResyncTest.ready(client, ns, "leaving"));

    // a graceful delete, as a StatefulSet scale-down makes: only kwok's final delete removes it
    client.pods().inNamespace(ns.name()).withName("leaving").withGracePeriod(30).delete();
    await("pod removed by kwok well before its grace period ends")
        .atMost(Duration.ofSeconds(20))
        .until(() -> client.pods().inNamespace(ns.name()).withName("leaving").get() == null);
  }

  @Test
  void aLateStatusWriteSparesAnUnscheduledPod(KubernetesClient client, TestNamespace ns) {
    // a node selector no node matches keeps the pod unscheduled, as a just-created pod is
    client.resource(pod(ns, "unplaced", Map.of("chatnet.io/no-such-node", "true"))).create();

    assertThatThrownBy(
            () ->
                asKwok
                    .pods()
                    .inNamespace(ns.name())
                    .withName("unplaced")
                    .editStatus(
                        p -> {
                          p.getStatus().setPodIP("10.128.0.9");
                          p.getStatus().setPhase("Running");
                          return p;
                        }))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("kwok may write the status only of a scheduled pod");
    Pod pod = client.pods().inNamespace(ns.name()).withName("unplaced").get();
    assertThat(pod.getStatus().getPodIP()).isNull();
    assertThat(pod.getStatus().getPhase()).isEqualTo("Pending");
  }

  static Pod pod(TestNamespace ns, String name, Map<String, String> nodeSelector) {
    return new PodBuilder(KubeletResyncTest.pod(ns, name, Map.of()))
        .editSpec()
        .withNodeSelector(nodeSelector)
        .endSpec()
        .build();
  }
}
