package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.rln.RlnJobs;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;

/**
 * The network reconciler's informers: what a network owns, each mapped back to its network by the
 * network label. {@code onChildDeleted} runs for every deleted child (the network's memos are
 * pruned then: no finalizer means no reconcile after a network's deletion).
 */
final class NetworkEventSources {
  /** Pods whose IPs go into ENRs: few per network, so caching them is cheap. */
  static final String ENR_POD_SELECTOR =
      Labels.MANAGED_SELECTOR + "," + Labels.ROLE + " in (bootstrap,service)";

  /** The RLN bring-up's chain Deployment and Jobs (RlnBringUpStep). */
  static final String RLN_SELECTOR = Labels.MANAGED_SELECTOR + "," + RlnJobs.RLN_LABEL;

  private NetworkEventSources() {}

  static List<EventSource<?, ChatNetwork>> of(
      EventSourceContext<ChatNetwork> context, Runnable onChildDeleted) {
    return List.of(
        informer(context, StatefulSet.class, Labels.MANAGED_SELECTOR, onChildDeleted),
        informer(context, Service.class, Labels.MANAGED_SELECTOR, onChildDeleted),
        informer(context, ConfigMap.class, Labels.MANAGED_SELECTOR, onChildDeleted),
        informer(context, Secret.class, Labels.MANAGED_SELECTOR, onChildDeleted),
        informer(context, Pod.class, ENR_POD_SELECTOR, onChildDeleted),
        informer(context, Deployment.class, RLN_SELECTOR, onChildDeleted),
        informer(context, Job.class, RLN_SELECTOR, onChildDeleted));
  }

  private static <R extends HasMetadata> InformerEventSource<R, ChatNetwork> informer(
      EventSourceContext<ChatNetwork> context,
      Class<R> type,
      String selector,
      Runnable onChildDeleted) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(type, ChatNetwork.class)
            .withLabelSelector(selector)
            .withOnDeleteFilter(
                (child, unknown) -> {
                  onChildDeleted.run();
                  return true;
                })
            .withSecondaryToPrimaryMapper(
                object -> {
                  String network = object.getMetadata().getLabels().get(Labels.NETWORK);
                  return network == null
                      ? Set.of()
                      : Set.of(new ResourceID(network, object.getMetadata().getNamespace()));
                })
            .build(),
        context);
  }
}
