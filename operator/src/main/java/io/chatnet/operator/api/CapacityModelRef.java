package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/**
 * A capacity model (model.json, as `kubectl chatnet fit --out` writes it or a sweep's report
 * ConfigMap holds it) for the preflight to predict the network's per pod CPU and memory with.
 */
@Data
@ValidationRule(
    value = "self.messagesPerMinutePerUser > 0.0",
    message = "messagesPerMinutePerUser must be above 0",
    fieldPath = ".messagesPerMinutePerUser")
public class CapacityModelRef {
  @JsonPropertyDescription(
      "Name of a ConfigMap in the network's namespace that holds the model (the operator gets"
          + " it before it creates or adds pods).")
  @Required
  @Pattern("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
  private String configMap;

  @JsonPropertyDescription("The ConfigMap's key that holds model.json.")
  @Default("model.json")
  private String key = "model.json";

  @JsonPropertyDescription(
      "The message rate to plan for: messages per minute each status-backend client sends. With"
          + " the network's client count it gives the load the model predicts per pod CPU and"
          + " memory at.")
  @Required
  @Min(0)
  private double messagesPerMinutePerUser;
}
