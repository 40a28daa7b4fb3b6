package io.chatnet.operator.naming;

import io.chatnet.operator.api.ChatExperiment;
import java.util.LinkedHashMap;
import java.util.Map;

/** Names and labels of what an experiment owns. */
public final class ExperimentNames {
  public static final String EXPERIMENT_LABEL = "chatnet.io/experiment";

  private ExperimentNames() {}

  public static String planConfigMap(ChatExperiment experiment) {
    return experiment.getMetadata().getName() + "-plan";
  }

  public static String reportConfigMap(ChatExperiment experiment) {
    return experiment.getMetadata().getName() + "-report";
  }

  public static String job(ChatExperiment experiment) {
    return experiment.getMetadata().getName() + "-loadgen";
  }

  public static Map<String, String> labels(ChatExperiment experiment) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Labels.MANAGED_BY, Labels.MANAGER);
    labels.put(Labels.NAME, "chatnet-loadgen");
    labels.put(EXPERIMENT_LABEL, experiment.getMetadata().getName());
    labels.put(Labels.NETWORK, experiment.getSpec().getNetworkRef().getName());
    return labels;
  }
}
