package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.naming.Names;
import io.chatnet.operator.network.NodeKeySecrets;
import io.chatnet.operator.network.RlnAccountSecrets;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/** ChatNetworkReconciler's clean-up of what the spec no longer asks for. */
final class StaleGroups {
  private static final Logger LOG = Logger.getLogger(StaleGroups.class);

  private StaleGroups() {}

  /** Deletes the objects of groups that left the spec, and key Secrets a scale-down emptied. */
  static void prune(ChatNetwork network, ObservedState observed, Applier applier) {
    Set<String> wanted = new HashSet<>();
    for (NodeGroup group : network.getSpec().getGroups()) {
      wanted.add(Names.group(network, group));
      if (group.getKind() == GroupKind.NWAKU) {
        wanted.addAll(NodeKeySecrets.names(network, group));
        wanted.addAll(RlnAccountSecrets.names(network, group));
      }
    }
    Predicate<HasMetadata> unwanted =
        o ->
            o.getMetadata().getLabels().containsKey(Labels.GROUP)
                && !wanted.contains(o.getMetadata().getName());
    List<HasMetadata> stale = new ArrayList<>();
    observed.statefulSets().values().stream().filter(unwanted).forEach(stale::add);
    observed.services().values().stream().filter(unwanted).forEach(stale::add);
    observed.secrets().values().stream().filter(unwanted).forEach(stale::add);
    for (HasMetadata object : stale) {
      LOG.infof(
          "network %s: deleting %s %s, no longer in the spec",
          network.getMetadata().getName(), object.getKind(), object.getMetadata().getName());
      applier.delete(object);
    }
  }
}
