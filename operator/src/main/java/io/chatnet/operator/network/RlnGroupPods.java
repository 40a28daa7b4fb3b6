package io.chatnet.operator.network;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.RlnSpec;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.rln.RlnArgs;
import io.chatnet.operator.rln.RlnBinding;
import io.chatnet.operator.rln.RlnEndpoints;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.List;
import java.util.Optional;

/**
 * What RLN adds to a group's StatefulSet once the bring-up has bound the network ({@link
 * RlnBinding}): the node's RLN flags; for publishing groups, the keystore init container ({@link
 * RlnKeystoreInit}), the keystore claim template, the account and password Secrets' volumes; and
 * the replica count. A group that runs RLN never gets RLN-less pods: without a binding it runs
 * none, and a publishing group runs no pod past its funded accounts (an unfunded pod's registration
 * fails).
 */
public final class RlnGroupPods {
  /** The keystore's volumeClaimTemplate; the pods' claims are {@code rln-<pod>}. */
  public static final String CLAIM = "rln";

  /** A keystore is one JSON entry of about 1 KiB; 1Mi is the smallest size claims commonly take. */
  public static final Quantity CLAIM_SIZE = new Quantity("1Mi");

  static final String ACCOUNTS_VOLUME = "rln-accounts";
  static final String PASSWORD_VOLUME = "rln-password";

  private RlnGroupPods() {}

  /** Pods the group runs: held at 0 without a binding, and at the funded count when publishing. */
  public static int replicas(ChatNetwork network, NodeGroup group, Optional<RlnBinding> rln) {
    RlnSpec spec = network.getSpec().getRln();
    if (!RlnArgs.runsRln(spec, group)) {
      return group.getReplicas();
    }
    if (rln.isEmpty()) {
      return 0;
    }
    if (!RlnArgs.publishes(spec, group)) {
      return group.getReplicas();
    }
    return Math.min(group.getReplicas(), rln.get().fundedNodes(group.getName()));
  }

  /** The contract the group's nodes use: present when the group runs RLN and it is bound. */
  static Optional<RlnEndpoints> endpoints(
      ChatNetwork network, NodeGroup group, Optional<RlnBinding> rln) {
    return RlnArgs.runsRln(network.getSpec().getRln(), group)
        ? rln.map(RlnBinding::endpoints)
        : Optional.empty();
  }

  /**
   * Adds a publishing group's keystore parts to its pod (the init container first, so it registers
   * before anything else runs, the Secrets' volumes, the node's mounts) and returns its claim
   * templates; nothing for any other group.
   */
  static List<PersistentVolumeClaim> addTo(
      ChatNetwork network,
      NodeGroup group,
      Optional<RlnBinding> rln,
      Container node,
      List<Container> initContainers,
      List<Volume> volumes) {
    RlnSpec spec = network.getSpec().getRln();
    if (rln.isEmpty() || !RlnArgs.publishes(spec, group)) {
      return List.of();
    }
    volumes.add(accountsVolume(network, group));
    volumes.add(
        new VolumeBuilder()
            .withName(PASSWORD_VOLUME)
            .withNewSecret()
            .withSecretName(RlnKeystorePassword.name(network))
            .withDefaultMode(0440)
            .endSecret()
            .build());
    node.getVolumeMounts().add(GroupStatefulSet.mount(CLAIM, RlnArgs.KEYSTORE_DIR, true));
    node.getVolumeMounts()
        .add(GroupStatefulSet.mount(PASSWORD_VOLUME, RlnKeystorePassword.DIR, true));
    List<EnvVar> binary =
        node.getEnv().stream().filter(e -> e.getName().equals(NodeStartScript.BINARY_ENV)).toList();
    initContainers.add(
        0,
        new ContainerBuilder()
            .withName(RlnBinding.KEYSTORE_INIT_CONTAINER)
            .withImage(node.getImage())
            .withCommand("/bin/sh", "-c", RlnKeystoreInit.SCRIPT, "rln-keystore")
            .withArgs(RlnArgs.keystoreTool(spec, rln.get().endpoints()))
            .withEnv(binary)
            // the node's own binary and image: its requests bound the tool's (zerokit) as well
            .withResources(node.getResources())
            .withSecurityContext(node.getSecurityContext())
            .withVolumeMounts(
                GroupStatefulSet.mount(CLAIM, RlnArgs.KEYSTORE_DIR, false),
                GroupStatefulSet.mount(ACCOUNTS_VOLUME, RlnKeystoreInit.ACCOUNTS_DIR, true),
                GroupStatefulSet.mount(PASSWORD_VOLUME, RlnKeystorePassword.DIR, true))
            .build());
    return List.of(claim(network, group, spec));
  }

  private static PersistentVolumeClaim claim(ChatNetwork network, NodeGroup group, RlnSpec spec) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(CLAIM)
        .withLabels(Labels.group(network, group))
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withStorageClassName(spec.getKeystoreStorageClass())
        .withNewResources()
        .addToRequests("storage", CLAIM_SIZE)
        .endResources()
        .endSpec()
        .build();
  }

  private static Volume accountsVolume(ChatNetwork network, NodeGroup group) {
    // only publishing groups get here (addTo), so names() holds every chunk
    return GroupStatefulSet.projectedSecrets(
        ACCOUNTS_VOLUME, RlnAccountSecrets.names(network, group));
  }
}
