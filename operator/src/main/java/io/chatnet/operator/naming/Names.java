package io.chatnet.operator.naming;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;

/** Names of the objects a ChatNetwork owns, and the stable DNS names of its pods. */
public final class Names {
  private Names() {}

  /** StatefulSet and headless Service of a group: {@code <network>-<group>}. */
  public static String group(ChatNetwork network, NodeGroup group) {
    return group(network.getMetadata().getName(), group.getName());
  }

  public static String group(String network, String group) {
    return network + "-" + group;
  }

  /** Pod {@code ordinal} of a group: {@code <network>-<group>-<ordinal>}. */
  public static String pod(String network, String group, int ordinal) {
    return group(network, group) + "-" + ordinal;
  }

  /** The network's ConfigMap: bootstrap ENRs, fleet config, feature flags. */
  public static String networkConfig(ChatNetwork network) {
    return network.getMetadata().getName() + "-network";
  }

  /** Secret number {@code chunk} holding node keys of a group. */
  public static String keys(ChatNetwork network, NodeGroup group, int chunk) {
    return group(network, group) + "-keys-" + chunk;
  }

  /** The stable DNS name of a pod behind its group's headless Service. */
  public static String podDns(
      ChatNetwork network, NodeGroup group, int ordinal, String clusterDomain) {
    return pod(network.getMetadata().getName(), group.getName(), ordinal)
        + "."
        + group(network, group)
        + "."
        + network.getMetadata().getNamespace()
        + ".svc."
        + clusterDomain;
  }
}
