package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class KeystoreClaimHintTest {
  static final String UNBOUND =
      "0/20 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption:"
          + " 0/20 nodes are available: 20 Preemption is not helpful for scheduling.";

  static Pod pod(boolean keystore) {
    PodBuilder b = new PodBuilder().withNewMetadata().withName("net-relay-3").endMetadata();
    var spec = b.withNewSpec();
    spec.addNewVolume().withName("data").withNewEmptyDir().endEmptyDir().endVolume();
    if (keystore) {
      spec.addNewVolume()
          .withName("rln")
          .withNewPersistentVolumeClaim()
          .withClaimName("rln-net-relay-3")
          .endPersistentVolumeClaim()
          .endVolume();
    }
    return spec.endSpec().build();
  }

  @Test
  void anUnboundKeystoreClaimIsNamedWithTheField() {
    assertThat(KeystoreClaimHint.explain(pod(true), UNBOUND))
        .startsWith("keystore claim rln-net-relay-3 is not bound")
        .contains("spec.rln.keystoreStorageClass", "default StorageClass")
        .endsWith("scheduler: " + UNBOUND);
    String waitForConsumer =
        "0/20 nodes are available: 20 node(s) didn't find available persistent volumes to bind.";
    assertThat(KeystoreClaimHint.explain(pod(true), waitForConsumer))
        .contains("rln-net-relay-3", "spec.rln.keystoreStorageClass");
  }

  @Test
  void otherCausesAndPodsWithoutAKeystoreAreLeftAsTheSchedulerSaid() {
    assertThat(KeystoreClaimHint.explain(pod(false), UNBOUND)).isEqualTo(UNBOUND);
    String cpu = "0/20 nodes are available: 20 Insufficient cpu.";
    assertThat(KeystoreClaimHint.explain(pod(true), cpu)).isEqualTo(cpu);
    assertThat(KeystoreClaimHint.explain(pod(true), null)).isNull();
  }
}
