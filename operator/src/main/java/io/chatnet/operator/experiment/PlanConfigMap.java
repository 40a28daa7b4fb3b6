package io.chatnet.operator.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.naming.ExperimentNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.time.Instant;
import java.util.Map;

/**
 * The plan ConfigMap ({@code <experiment>-plan}, key plan.json) mounted into every shard. It also
 * records the start instant, so an operator restarted between writing it and writing status keeps
 * the same instant.
 */
public final class PlanConfigMap {
  public static final String KEY = "plan.json";
  public static final String START_ANNOTATION = "chatnet.io/planned-start";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

  private PlanConfigMap() {}

  public static ConfigMap build(
      ChatExperiment experiment, Map<String, Object> plan, Instant start) {
    String json;
    try {
      json = JSON.writeValueAsString(plan);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the plan", e);
    }
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
}
