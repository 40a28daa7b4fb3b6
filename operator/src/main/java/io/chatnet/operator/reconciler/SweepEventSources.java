package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatSweep;
import io.chatnet.operator.naming.SweepNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Set;

/**
 * What ChatSweepReconciler watches: the networks, experiments and report ConfigMap it made, all
 * labelled with the sweep's name, so a point's experiment ending wakes the sweep at once.
 */
final class SweepEventSources {
  private SweepEventSources() {}

  static List<EventSource<?, ChatSweep>> of(EventSourceContext<ChatSweep> context) {
    return List.of(
        bySweepLabel(context, ChatNetwork.class),
        bySweepLabel(context, ChatExperiment.class),
        bySweepLabel(context, ConfigMap.class));
  }

  private static <R extends HasMetadata> InformerEventSource<R, ChatSweep> bySweepLabel(
      EventSourceContext<ChatSweep> context, Class<R> type) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(type, ChatSweep.class)
            .withName("sweep-" + type.getSimpleName())
            .withLabelSelector(SweepNames.SWEEP_LABEL)
            .withSecondaryToPrimaryMapper(
                o ->
                    Set.of(
                        new ResourceID(
                            o.getMetadata().getLabels().get(SweepNames.SWEEP_LABEL),
                            o.getMetadata().getNamespace())))
            .build(),
        context);
  }
}
