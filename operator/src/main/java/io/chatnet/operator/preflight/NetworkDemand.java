package io.chatnet.operator.preflight;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.config.BuildDefaults;
import io.chatnet.operator.naming.Names;
import io.chatnet.operator.network.GroupStatefulSet;
import io.chatnet.operator.network.NodeKeySecrets;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The pods and objects a reconcile would add to the cluster: for each group, the replicas its
 * StatefulSet does not have yet (all of them for a new group), with the pod template the operator
 * would write. Pure: the spec and the observed StatefulSets in, demands out.
 */
public final class NetworkDemand {
  private NetworkDemand() {}

  /**
   * @param statefulSets the network's StatefulSets by name, as observed
   * @param existingNames names of the network's objects that already exist (Services, Secrets,
   *     ConfigMaps), so only new ones count against object-count quotas
   */
  public static List<GroupDemand> of(
      ChatNetwork network,
      Map<String, StatefulSet> statefulSets,
      Set<String> existingNames,
      BuildDefaults defaults) {
    List<GroupDemand> demands = new ArrayList<>();
    List<NodeGroup> groups = network.getSpec().getGroups();
    for (int i = 0; i < groups.size(); i++) {
      NodeGroup group = groups.get(i);
      String name = Names.group(network, group);
      StatefulSet live = statefulSets.get(name);
      int existing = existing(live);
      int chunks =
          group.getKind() == GroupKind.NWAKU ? NodeKeySecrets.chunks(group.getReplicas()) : 0;
      int newSecrets = 0;
      for (int c = 0; c < chunks; c++) {
        if (!existingNames.contains(Names.keys(network, group, c))) {
          newSecrets++;
        }
      }
      StatefulSet built = GroupStatefulSet.build(network, group, chunks, defaults);
      demands.add(
          new GroupDemand(
              i,
              group,
              built.getSpec().getTemplate().getSpec(),
              Math.max(0, group.getReplicas() - existing),
              live == null,
              !existingNames.contains(name),
              newSecrets));
    }
    return demands;
  }

  /**
   * Pods the spec adds over the observed StatefulSets' replicas: cheap (no template is built), so
   * every reconcile can ask it and a network that adds nothing costs no preflight.
   */
  public static int addedPods(ChatNetwork network, Map<String, StatefulSet> statefulSets) {
    int added = 0;
    for (NodeGroup group : network.getSpec().getGroups()) {
      added +=
          Math.max(
              0, group.getReplicas() - existing(statefulSets.get(Names.group(network, group))));
    }
    return added;
  }

  private static int existing(StatefulSet live) {
    return live == null || live.getSpec() == null
        ? 0
        : Objects.requireNonNullElse(live.getSpec().getReplicas(), 0);
  }
}
