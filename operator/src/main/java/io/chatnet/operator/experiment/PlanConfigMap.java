package io.chatnet.operator.experiment;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Plan;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.naming.ExperimentNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Instant;

/**
 * The plan ConfigMap ({@code <experiment>-plan}, key plan.json) mounted into every shard. It also
 * records the start instant, so an operator restarted between writing it and writing status keeps
 * the same instant.
 */
public final class PlanConfigMap {
  public static final String KEY = "plan.json";
  public static final String START_ANNOTATION = "chatnet.io/planned-start";

  private PlanConfigMap() {}

  public static ConfigMap build(ChatExperiment experiment, Plan plan, Instant start) {
    String json = ContractJson.writePretty(plan);
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(ExperimentNames.planConfigMap(experiment))
        .withNamespace(experiment.getMetadata().getNamespace())
        .withLabels(ExperimentNames.labels(experiment))
        .addToAnnotations(START_ANNOTATION, start.toString())
        .endMetadata()
        .addToData(KEY, json)
        .build();
  }

  /** The start instant a plan ConfigMap records (null without one). */
  public static String start(ConfigMap plan) {
    return plan.getMetadata().getAnnotations() == null
        ? null
        : plan.getMetadata().getAnnotations().get(START_ANNOTATION);
  }
}
