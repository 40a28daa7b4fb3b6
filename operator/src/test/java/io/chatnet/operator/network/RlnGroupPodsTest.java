package io.chatnet.operator.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.identity.EthAccount;
import io.chatnet.operator.rln.RlnArgs;
import io.chatnet.operator.rln.RlnBinding;
import io.chatnet.operator.rln.RlnEndpoints;
import io.chatnet.operator.rln.RlnFixtures;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What GroupStatefulSet builds for the groups of an RLN network, bound and not. */
class RlnGroupPodsTest {
  static final RlnEndpoints CHAIN =
      new RlnEndpoints(
          "http://net-rln-chain:8545", "0x0165878A594ca255338adfa4d48449f69242Eb8F", 1234);

  /** relay (3) and svc (2, lightpush) publish unless named; boot and mob run no RLN. */
  static ChatNetwork network(String validators) {
    return RlnFixtures.network(
        "{enabled: true, userMessageLimit: 100, validatorGroups: " + validators + "}");
  }

  static NodeGroup group(ChatNetwork network, String name) {
    return network.getSpec().getGroups().stream()
        .filter(g -> g.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  static StatefulSet build(ChatNetwork network, String group, Optional<RlnBinding> rln) {
    NodeGroup g = group(network, group);
    return GroupStatefulSet.build(
        network, g, NodeKeySecrets.chunks(g.getReplicas()), Scenarios.DEFAULTS, rln);
  }

  static Optional<RlnBinding> funded(Map<String, Integer> funded) {
    return Optional.of(new RlnBinding(CHAIN, funded));
  }

  static Container node(StatefulSet sts) {
    return sts.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static List<String> rlnArgs(Container c) {
    return c.getArgs().stream().filter(a -> a.startsWith("--rln-relay")).toList();
  }

  @Test
  void publishersRegisterInAnInitContainerIntoAClaimAndStartWithTheCredentialPath() {
    ChatNetwork network = network("[]");
    for (String name : List.of("relay", "svc")) {
      StatefulSet sts = build(network, name, funded(Map.of("relay", 3, "svc", 2)));
      NodeGroup g = group(network, name);
      PodSpec pod = sts.getSpec().getTemplate().getSpec();
      Container node = node(sts);
      assertThat(rlnArgs(node))
          .as(name)
          .containsExactlyElementsOf(RlnArgs.node(network.getSpec().getRln(), g, CHAIN))
          .contains("--rln-relay-cred-path=" + RlnArgs.KEYSTORE_PATH);
      // RLN flags come before extraArgs, after the managed flags
      assertThat(node.getArgs().indexOf("--rln-relay=true"))
          .isGreaterThan(node.getArgs().indexOf("--peer-exchange=false"));

      Container init = pod.getInitContainers().get(0);
      assertThat(init.getName()).isEqualTo(RlnBinding.KEYSTORE_INIT_CONTAINER);
      assertThat(init.getImage()).isEqualTo(node.getImage());
      assertThat(init.getCommand())
          .containsExactly("/bin/sh", "-c", RlnKeystoreInit.SCRIPT, "rln-keystore");
      assertThat(init.getArgs())
          .containsExactlyElementsOf(RlnArgs.keystoreTool(network.getSpec().getRln(), CHAIN));
      assertThat(init.getEnv())
          .anyMatch(
              e ->
                  e.getName().equals(NodeStartScript.BINARY_ENV)
                      && e.getValue().equals("/usr/bin/wakunode"));
      assertThat(init.getSecurityContext().getRunAsNonRoot()).isTrue();
      assertThat(init.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
      assertThat(init.getResources()).isEqualTo(node.getResources());
      assertThat(mounts(init))
          .containsEntry(RlnArgs.KEYSTORE_DIR, "rln rw")
          .containsEntry(RlnKeystoreInit.ACCOUNTS_DIR, "rln-accounts ro")
          .containsEntry(RlnKeystorePassword.DIR, "rln-password ro");
      // the node reads its keystore and password; the account keys are the tool's only
      assertThat(mounts(node))
          .containsEntry(RlnArgs.KEYSTORE_DIR, "rln ro")
          .containsEntry(RlnKeystorePassword.DIR, "rln-password ro")
          .doesNotContainKey(RlnKeystoreInit.ACCOUNTS_DIR);

      Volume accounts = volume(pod, "rln-accounts");
      assertThat(accounts.getProjected().getDefaultMode()).isEqualTo(0440);
      assertThat(accounts.getProjected().getSources())
          .extracting(s -> s.getSecret().getName())
          .containsExactly("net-" + name + "-rln-0");
      Volume password = volume(pod, "rln-password");
      assertThat(password.getSecret().getSecretName()).isEqualTo("net-rln-password");
      assertThat(password.getSecret().getDefaultMode()).isEqualTo(0440);

      PersistentVolumeClaim claim = sts.getSpec().getVolumeClaimTemplates().get(0);
      assertThat(sts.getSpec().getVolumeClaimTemplates()).hasSize(1);
      assertThat(claim.getMetadata().getName()).isEqualTo(RlnGroupPods.CLAIM);
      assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
      assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
          .isEqualTo("1Mi");
      assertThat(claim.getSpec().getStorageClassName()).isNull(); // the cluster's default
      assertThat(sts.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled())
          .isEqualTo("Retain");
      assertThat(sts.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenDeleted())
          .isEqualTo("Delete");
      assertThat(sts.getSpec().getReplicas()).isEqualTo(g.getReplicas());
    }
  }

  @Test
  void theKeystoreStorageClassComesFromTheSpec() {
    ChatNetwork network =
        RlnFixtures.network("{enabled: true, keystoreStorageClass: local-keystores}");
    StatefulSet sts = build(network, "relay", funded(Map.of("relay", 3)));
    assertThat(sts.getSpec().getVolumeClaimTemplates().get(0).getSpec().getStorageClassName())
        .isEqualTo("local-keystores");
  }

  @Test
  void validatorsGetTheFlagsWithoutCredentialsAndNoRegistration() {
    ChatNetwork network = network("[relay]");
    StatefulSet sts = build(network, "relay", funded(Map.of("svc", 2)));
    assertThat(rlnArgs(node(sts)))
        .contains("--rln-relay=true", "--rln-relay-eth-contract-address=" + CHAIN.contractAddress())
        .noneMatch(a -> a.startsWith("--rln-relay-cred"));
    assertThat(sts.getSpec().getTemplate().getSpec().getInitContainers()).isEmpty();
    assertThat(sts.getSpec().getVolumeClaimTemplates()).isEmpty();
    assertThat(sts.getSpec().getPersistentVolumeClaimRetentionPolicy()).isNull();
    assertThat(mounts(node(sts))).doesNotContainKeys(RlnArgs.KEYSTORE_DIR, RlnKeystorePassword.DIR);
    // a validator needs no funded account: all its replicas run
    assertThat(sts.getSpec().getReplicas()).isEqualTo(3);
  }

  @Test
  void bootstrapNodesAndClientsGetNothingOfRln() {
    ChatNetwork network = network("[]");
    Optional<RlnBinding> rln = funded(Map.of("relay", 3, "svc", 2));
    for (String name : List.of("boot", "mob")) {
      StatefulSet sts = build(network, name, rln);
      PodSpec pod = sts.getSpec().getTemplate().getSpec();
      assertThat(pod.getContainers().get(0).getArgs()).as(name).noneMatch(a -> a.contains("rln"));
      assertThat(pod.getInitContainers()).as(name).isEmpty();
      assertThat(pod.getVolumes()).as(name).noneMatch(v -> v.getName().contains("rln"));
      assertThat(sts.getSpec().getVolumeClaimTemplates()).as(name).isEmpty();
      assertThat(sts.getSpec().getReplicas()).isEqualTo(group(network, name).getReplicas());
      assertThat(sts).isEqualTo(build(network, name, Optional.empty()));
    }
  }

  @Test
  void aPublishingGroupRunsNoPodPastItsFundedAccounts() {
    ChatNetwork network = network("[]");
    assertThat(build(network, "relay", funded(Map.of("relay", 2))).getSpec().getReplicas())
        .isEqualTo(2);
    assertThat(build(network, "relay", funded(Map.of("relay", 7))).getSpec().getReplicas())
        .isEqualTo(3);
    assertThat(build(network, "svc", funded(Map.of("relay", 3))).getSpec().getReplicas()).isZero();
  }

  @Test
  void anRlnGroupWithoutABindingRunsNoPodsAndNeverRlnLessOnes() {
    ChatNetwork network = network("[relay]");
    for (String name : List.of("relay", "svc")) {
      assertThat(build(network, name, Optional.empty()).getSpec().getReplicas()).as(name).isZero();
      NodeGroup g = group(network, name);
      assertThat(GroupStatefulSet.build(network, g, 1, Scenarios.DEFAULTS).getSpec().getReplicas())
          .as(name + " (the four-argument form)")
          .isZero();
    }
    assertThat(build(network, "boot", Optional.empty()).getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void noAccountKeyNorPasswordInTheStatefulSet() {
    ChatNetwork network = network("[]");
    String seed = network.getSpec().getSeed();
    for (String name : List.of("relay", "svc")) {
      String json =
          Serialization.asJson(build(network, name, funded(Map.of("relay", 3, "svc", 2))));
      assertThat(json).doesNotContain(RlnKeystorePassword.derive(seed));
      for (int ordinal = 0; ordinal < 3; ordinal++) {
        String key = EthAccount.derive(seed, name, ordinal).privateKeyHex();
        assertThat(json).doesNotContain(key).doesNotContain(key.replaceFirst("^0x", ""));
      }
      assertThat(json)
          .doesNotContain("--rln-relay-cred-password")
          .doesNotContain("--rln-relay-eth-private-key");
    }
  }

  @Test
  void aNetworkWithoutRlnIsUnchangedByABinding() {
    ChatNetwork plain = Scenarios.network("smoke.yaml", "team-a");
    for (NodeGroup g : plain.getSpec().getGroups()) {
      assertThat(
              GroupStatefulSet.build(
                  plain, g, 1, Scenarios.DEFAULTS, funded(Map.of(g.getName(), 0))))
          .isEqualTo(GroupStatefulSet.build(plain, g, 1, Scenarios.DEFAULTS));
    }
  }

  private static Map<String, String> mounts(Container c) {
    return c.getVolumeMounts().stream()
        .collect(
            java.util.stream.Collectors.toMap(
                VolumeMount::getMountPath,
                m -> m.getName() + (Boolean.TRUE.equals(m.getReadOnly()) ? " ro" : " rw")));
  }

  private static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream()
        .filter(v -> v.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
