package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression (fault campaign finding): the applied-hash must not depend on map order. Labels are
 * built with Map.of, whose order differs between JVM runs, so a restarted operator saw every hash
 * as changed and re-applied every object once after each restart.
 */
class ApplierFingerprintTest {
  static ConfigMap withLabels(Map<String, String> labels) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("n-network")
        .withNamespace("ns")
        .withLabels(labels)
        .endMetadata()
        .addToData("b", "2")
        .build();
  }

  @Test
  void theHashIsTheSameWhateverTheOrderOfAMapsEntries() {
    Map<String, String> one = new LinkedHashMap<>();
    one.put("chatnet.io/network", "n");
    one.put("chatnet.io/group", "relay");
    Map<String, String> other = new LinkedHashMap<>();
    other.put("chatnet.io/group", "relay");
    other.put("chatnet.io/network", "n");
    ConfigMap owner = withLabels(Map.of());
    owner.getMetadata().setUid("u");
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      Applier applier = new Applier(client);
      assertThat(applier.fingerprint(owner, withLabels(one)))
          .isEqualTo(applier.fingerprint(owner, withLabels(other)));
      assertThat(applier.fingerprint(owner, withLabels(one)))
          .isNotEqualTo(applier.fingerprint(owner, withLabels(Map.of("chatnet.io/group", "x"))));
    }
  }
}
