package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.config.OperatorMetrics;
import io.chatnet.operator.naming.ExperimentNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What ChatExperimentReconciler watches: its network (mapped back through an index of experiments
 * by networkRef) and the Jobs, pods and ConfigMaps labelled with an experiment.
 */
final class ExperimentEventSources {
  private ExperimentEventSources() {}

  /**
   * The event sources. The reconciler's {@code refusals} of deleted experiments are forgotten
   * whenever a labelled child is deleted (the garbage collector deletes a deleted experiment's
   * children; no reconcile of it follows), and their number is an operator metric.
   */
  static List<EventSource<?, ChatExperiment>> of(
      EventSourceContext<ChatExperiment> context, WriteRefusals refusals) {
    OperatorMetrics.memoEntries("experiment-write-refusals", refusals::size);
    Runnable childDeleted = () -> forgetDeleted(refusals, context.getPrimaryCache());
    context
        .getPrimaryCache()
        .addIndexer(
            ChatExperimentReconciler.NETWORK_INDEX,
            e ->
                List.of(
                    key(e.getMetadata().getNamespace(), e.getSpec().getNetworkRef().getName())));
    InformerEventSource<ChatNetwork, ChatExperiment> networks =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(ChatNetwork.class, ChatExperiment.class)
                .withSecondaryToPrimaryMapper(
                    n ->
                        context
                            .getPrimaryCache()
                            .byIndex(
                                ChatExperimentReconciler.NETWORK_INDEX,
                                key(n.getMetadata().getNamespace(), n.getMetadata().getName()))
                            .stream()
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper(
                    (PrimaryToSecondaryMapper<ChatExperiment>)
                        e ->
                            Set.of(
                                new ResourceID(
                                    e.getSpec().getNetworkRef().getName(),
                                    e.getMetadata().getNamespace())))
                .build(),
            context);
    return List.of(
        networks,
        byExperimentLabel(context, Job.class, childDeleted),
        byExperimentLabel(context, Pod.class, childDeleted),
        byExperimentLabel(context, ConfigMap.class, childDeleted));
  }

  /** Forgets the refused writes of experiments no longer in the primary cache (deleted). */
  static void forgetDeleted(
      WriteRefusals refusals, IndexedResourceCache<ChatExperiment> experiments) {
    refusals.retainOwners(
        experiments.list().map(e -> e.getMetadata().getUid()).collect(Collectors.toSet()));
  }

  private static <R extends HasMetadata> InformerEventSource<R, ChatExperiment> byExperimentLabel(
      EventSourceContext<ChatExperiment> context, Class<R> type, Runnable childDeleted) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(type, ChatExperiment.class)
            .withLabelSelector(ExperimentNames.EXPERIMENT_LABEL)
            .withOnDeleteFilter(
                (child, unknown) -> {
                  childDeleted.run();
                  return true;
                })
            .withSecondaryToPrimaryMapper(
                o ->
                    Set.of(
                        new ResourceID(
                            o.getMetadata().getLabels().get(ExperimentNames.EXPERIMENT_LABEL),
                            o.getMetadata().getNamespace())))
            .build(),
        context);
  }

  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
