package io.chatnet.operator.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.experiment.LoadGeneratorJob;
import io.chatnet.operator.naming.Names;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Key Secrets reach only the pods of their group: each nwaku group's pods mount exactly that
 * group's key Secrets, read-only (0440); client and load generator pods mount no Secret; no pod
 * gets a ServiceAccount token (none of them calls the API server).
 */
public class KeyMountsTest {
  /** The Secrets a pod mounts (as volumes or projected sources). */
  public static List<String> secretsOf(PodSpec pod) {
    List<String> names = new ArrayList<>();
    for (Volume v : pod.getVolumes()) {
      if (v.getSecret() != null) {
        names.add(v.getSecret().getSecretName());
      }
      if (v.getProjected() != null) {
        v.getProjected().getSources().stream()
            .filter(s -> s.getSecret() != null)
            .forEach(s -> names.add(s.getSecret().getName()));
      }
    }
    return names;
  }

  /** Whether a pod has a ServiceAccount token projected (the admission plugin's or its own). */
  public static boolean tokenMounted(PodSpec pod) {
    return pod.getVolumes().stream()
        .filter(v -> v.getProjected() != null)
        .flatMap(v -> v.getProjected().getSources().stream())
        .anyMatch(s -> s.getServiceAccountToken() != null);
  }

  @Test
  void eachGroupMountsOnlyItsOwnKeysAndNoPodGetsAToken() {
    ChatNetwork network = Scenarios.network("smoke.yaml", "lab");
    network.getSpec().getGroups().get(1).setReplicas(NodeKeySecrets.KEYS_PER_SECRET + 1);
    for (NodeGroup group : network.getSpec().getGroups()) {
      int chunks = NodeKeySecrets.chunks(group.getReplicas());
      PodSpec pod =
          GroupStatefulSet.build(network, group, chunks, Scenarios.DEFAULTS)
              .getSpec()
              .getTemplate()
              .getSpec();
      assertThat(pod.getAutomountServiceAccountToken()).as(group.getName()).isFalse();
      assertThat(tokenMounted(pod)).as(group.getName()).isFalse();
      List<String> own = new ArrayList<>();
      if (group.getKind() == GroupKind.NWAKU) {
        for (int c = 0; c < chunks; c++) {
          own.add(Names.keys(network, group, c));
        }
        assertThat(pod.getVolumes())
            .filteredOn(v -> v.getName().equals("keys"))
            .singleElement()
            .satisfies(v -> assertThat(v.getProjected().getDefaultMode()).isEqualTo(0440));
      }
      assertThat(secretsOf(pod)).as(group.getName()).containsExactlyInAnyOrderElementsOf(own);
      if (group.getName().equals("relay")) {
        assertThat(own).hasSize(2); // 8193 nodes: two key Secrets, both its own
      }
    }

    ChatExperiment experiment =
        Serialization.unmarshal(
            """
            apiVersion: chatnet.io/v1alpha1
            kind: ChatExperiment
            metadata: {name: run, namespace: lab}
            spec:
              networkRef: {name: smoke}
              traffic:
                oneToOne: {pairs: 2, messagesPerMinute: 6}
            """,
            ChatExperiment.class);
    PodSpec shard =
        LoadGeneratorJob.build(experiment, Scenarios.DEFAULTS).getSpec().getTemplate().getSpec();
    assertThat(shard.getAutomountServiceAccountToken()).isFalse();
    assertThat(secretsOf(shard)).isEmpty();
  }

  /**
   * On a bound RLN network a publishing group's pods mount its own account keys and the network's
   * keystore password (0440) besides its node keys; validators and bootstrap nodes only their keys.
   */
  @Test
  void rlnAccountKeysAndThePasswordReachOnlyPublishingPods() {
    ChatNetwork network =
        io.chatnet.operator.rln.RlnFixtures.network("{enabled: true, validatorGroups: [relay]}");
    var rln =
        java.util.Optional.of(
            new io.chatnet.operator.rln.RlnBinding(
                RlnGroupPodsTest.CHAIN, java.util.Map.of("svc", 2)));
    for (NodeGroup group : network.getSpec().getGroups()) {
      PodSpec pod =
          GroupStatefulSet.build(network, group, 1, Scenarios.DEFAULTS, rln)
              .getSpec()
              .getTemplate()
              .getSpec();
      List<String> own = new ArrayList<>();
      if (group.getKind() == GroupKind.NWAKU) {
        own.add(Names.keys(network, group, 0));
      }
      if (group.getName().equals("svc")) {
        own.add(RlnAccountSecrets.name(network, group, 0));
        own.add(RlnKeystorePassword.name(network));
      }
      assertThat(secretsOf(pod)).as(group.getName()).containsExactlyInAnyOrderElementsOf(own);
      assertThat(tokenMounted(pod)).as(group.getName()).isFalse();
    }
  }
}
