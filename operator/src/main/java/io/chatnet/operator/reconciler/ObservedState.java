package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the informer caches hold for one network, by object name. Reading caches costs no API
 * request, which keeps a reconcile of a 10,000-node network cheap.
 */
record ObservedState(
    Map<String, StatefulSet> statefulSets,
    Map<String, Service> services,
    Map<String, Secret> secrets,
    Map<String, ConfigMap> configMaps,
    Map<String, String> podIps) {

  static ObservedState of(ChatNetwork network, Context<ChatNetwork> context) {
    String name = network.getMetadata().getName();
    return new ObservedState(
        byName(context, StatefulSet.class, name),
        byName(context, Service.class, name),
        byName(context, Secret.class, name),
        byName(context, ConfigMap.class, name),
        context.getSecondaryResources(Pod.class).stream()
            .filter(p -> ofNetwork(p, name))
            .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
            .filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null)
            .collect(
                Collectors.toMap(
                    p -> p.getMetadata().getName(),
                    p -> p.getStatus().getPodIP(),
                    (a, b) -> a,
                    TreeMap::new)));
  }

  <R> Optional<R> find(Map<String, R> objects, String name) {
    return Optional.ofNullable(objects.get(name));
  }

  private static <R extends HasMetadata> Map<String, R> byName(
      Context<ChatNetwork> context, Class<R> type, String network) {
    return context.getSecondaryResources(type).stream()
        .filter(r -> ofNetwork(r, network))
        .collect(Collectors.toMap(r -> r.getMetadata().getName(), Function.identity()));
  }

  private static boolean ofNetwork(HasMetadata object, String network) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels != null && network.equals(labels.get(Labels.NETWORK));
  }
}
