package io.chatnet.operator.naming;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.NodeGroup;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labels on everything a ChatNetwork owns; the operator's informers select on them. */
public final class Labels {
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "chatnet";
  public static final String NAME = "app.kubernetes.io/name";
  public static final String PART_OF = "app.kubernetes.io/part-of";
  public static final String NETWORK = "chatnet.io/network";
  public static final String GROUP = "chatnet.io/group";
  public static final String ROLE = "chatnet.io/role";

  /** The operator's name as field manager of its server-side applies and source of its events. */
  public static final String FIELD_MANAGER = "chatnet-operator";

  /** Selects every object the operator manages. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + MANAGER;

  private Labels() {}

  /** Labels of network-wide objects (the ConfigMap). */
  public static Map<String, String> network(ChatNetwork network) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(MANAGED_BY, MANAGER);
    labels.put(PART_OF, "chatnet");
    labels.put(NETWORK, network.getMetadata().getName());
    return labels;
  }

  /** Labels of a group's objects and pods. */
  public static Map<String, String> group(ChatNetwork network, NodeGroup group) {
    Map<String, String> labels = network(network);
    labels.put(NAME, group.getKind() == GroupKind.NWAKU ? "nwaku" : "status-backend");
    labels.put(GROUP, group.getName());
    labels.put(ROLE, group.getRole().wireName());
    return labels;
  }

  /** The immutable selector of a group's StatefulSet. */
  public static Map<String, String> selector(ChatNetwork network, NodeGroup group) {
    return Map.of(NETWORK, network.getMetadata().getName(), GROUP, group.getName());
  }
}
