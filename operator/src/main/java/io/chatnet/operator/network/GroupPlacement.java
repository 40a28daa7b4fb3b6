package io.chatnet.operator.network;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.TopologySpread;
import io.chatnet.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.List;

/** Where a group's pods may go: topology spread over its own pods. */
public final class GroupPlacement {
  private GroupPlacement() {}

  /**
   * The group's spread constraints: as given (an empty list turns spreading off), or by default one
   * per node with maxSkew 1 as a preference, so a 1000-pod group does not pile onto a few nodes and
   * a small cluster still runs every pod.
   */
  public static List<TopologySpreadConstraint> spread(ChatNetwork network, NodeGroup group) {
    List<TopologySpread> rules =
        group.getTopologySpread() != null
            ? group.getTopologySpread()
            : List.of(new TopologySpread());
    return rules.stream()
        .map(
            rule ->
                new TopologySpreadConstraintBuilder()
                    .withTopologyKey(
                        rule.getTopologyKey() != null
                            ? rule.getTopologyKey()
                            : TopologySpread.HOSTNAME)
                    .withMaxSkew(rule.getMaxSkew() != null ? rule.getMaxSkew() : 1)
                    .withWhenUnsatisfiable(
                        (rule.getWhenUnsatisfiable() != null
                                ? rule.getWhenUnsatisfiable()
                                : TopologySpread.WhenUnsatisfiable.SCHEDULE_ANYWAY)
                            .wire())
                    .withNewLabelSelector()
                    .withMatchLabels(Labels.selector(network, group))
                    .endLabelSelector()
                    .build())
        .toList();
  }
}
