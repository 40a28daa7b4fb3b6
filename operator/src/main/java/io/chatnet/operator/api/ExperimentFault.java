package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/** One fault: what, on which group, how much of it, when and for how long. */
@ValidationRule(
    value = "self.type != 'delay' || has(self.latencyMillis)",
    message = "a delay fault needs latencyMillis",
    fieldPath = ".latencyMillis")
@ValidationRule(
    value = "self.type != 'loss' || has(self.lossPercent)",
    message = "a loss fault needs lossPercent",
    fieldPath = ".lossPercent")
@ValidationRule(
    value = "self.type == 'podKill' || has(self.durationSeconds)",
    message = "network faults need durationSeconds",
    fieldPath = ".durationSeconds")
@Data
public class ExperimentFault {
  @JsonPropertyDescription(
      "podKill (native: pods deleted, recreated by their StatefulSet), or delay, loss, partition"
          + " (Chaos Mesh NetworkChaos; unavailable without Chaos Mesh's CRDs).")
  @Required
  private FaultType type;

  @JsonPropertyDescription("The network group whose pods the fault hits.")
  @Required
  @Size(min = 1, max = NameRules.GROUP_NAME_MAX)
  @Pattern(NameRules.RFC1035_LABEL)
  private String group;

  @JsonPropertyDescription("Share of the group's pods hit, greater than 0, at most 1.")
  @Required
  @Min(value = 0, inclusive = false)
  @Max(1)
  private double fraction;

  @JsonPropertyDescription(
      "Seconds after the traffic starts (the start instant, after any contact-request and idle"
          + " phases) at which the fault begins.")
  @Required
  @Min(0)
  @Max(86400)
  private int atSeconds;

  @JsonPropertyDescription("How long a network fault lasts, in seconds.")
  @Min(1)
  @Max(86400)
  private Integer durationSeconds;

  @JsonPropertyDescription("Delay faults: added latency in milliseconds.")
  @Min(1)
  @Max(60000)
  private Integer latencyMillis;

  @JsonPropertyDescription("Loss faults: share of packets dropped, in percent.")
  @Min(0)
  @Max(100)
  private Double lossPercent;
}
