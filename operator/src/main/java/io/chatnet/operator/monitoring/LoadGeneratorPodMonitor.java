package io.chatnet.operator.monitoring;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.naming.ExperimentNames;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.naming.ScrapeNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PodMonitor of an experiment's load generator shards (their {@code metrics} port), scraped
 * every spec.scrapeIntervalSeconds: the interval the shards' post-window wait is sized by.
 */
public final class LoadGeneratorPodMonitor {
  private LoadGeneratorPodMonitor() {}

  public static String name(ChatExperiment experiment) {
    return experiment.getMetadata().getName() + "-loadgen";
  }

  public static GenericKubernetesResource build(ChatExperiment experiment) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put(
        "selector",
        Map.of(
            "matchLabels",
            Map.of(
                ExperimentNames.EXPERIMENT_LABEL,
                experiment.getMetadata().getName(),
                Labels.ROLE,
                ScrapeNames.LOADGEN_ROLE)));
    spec.put(
        "podMetricsEndpoints",
        List.of(ScrapeConvention.endpoint(experiment.getSpec().getScrapeIntervalSeconds() + "s")));
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(ScrapeConvention.API_VERSION)
        .withKind(ScrapeConvention.POD_MONITOR)
        .withNewMetadata()
        .withName(name(experiment))
        .withNamespace(experiment.getMetadata().getNamespace())
        .withLabels(ExperimentNames.labels(experiment))
        .endMetadata()
        .addToAdditionalProperties("spec", spec)
        .build();
  }
}
