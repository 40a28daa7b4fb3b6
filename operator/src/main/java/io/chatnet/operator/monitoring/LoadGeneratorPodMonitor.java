package io.chatnet.operator.monitoring;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.naming.ExperimentNames;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.naming.ScrapeNames;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitorBuilder;

/**
 * The PodMonitor of an experiment's load generator shards (their {@code metrics} port), scraped
 * every spec.scrapeIntervalSeconds: the interval the shards' post-window wait is sized by.
 */
public final class LoadGeneratorPodMonitor {
  private LoadGeneratorPodMonitor() {}

  public static String name(ChatExperiment experiment) {
    return experiment.getMetadata().getName() + "-loadgen";
  }

  public static PodMonitor build(ChatExperiment experiment) {
    return new PodMonitorBuilder()
        .withNewMetadata()
        .withName(name(experiment))
        .withNamespace(experiment.getMetadata().getNamespace())
        .withLabels(ExperimentNames.labels(experiment))
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .addToMatchLabels(ExperimentNames.EXPERIMENT_LABEL, experiment.getMetadata().getName())
        .addToMatchLabels(Labels.ROLE, ScrapeNames.LOADGEN_ROLE)
        .endSelector()
        .withPodMetricsEndpoints(
            ScrapeConvention.endpoint(experiment.getSpec().getScrapeIntervalSeconds() + "s"))
        .endSpec()
        .build();
  }
}
