package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/**
 * Link conditions on a group's pods, applied to eth0 with tc netem (and a token bucket for
 * bandwidth) by an init container before the node starts.
 */
@ValidationRule(
    value = "!has(self.jitterMillis) || has(self.latencyMillis)",
    message = "jitterMillis needs latencyMillis",
    fieldPath = ".jitterMillis")
@ValidationRule(
    value =
        "!has(self.jitterMillis) || !has(self.latencyMillis) || self.jitterMillis <="
            + " self.latencyMillis",
    message = "jitterMillis must not exceed latencyMillis",
    fieldPath = ".jitterMillis")
@ValidationRule(
    value = "has(self.latencyMillis) || has(self.lossPercent) || has(self.bandwidthKbit)",
    message = "networkConditions needs at least one of latencyMillis, lossPercent, bandwidthKbit")
@Data
public class NetworkConditions {
  @JsonPropertyDescription("Added one-way delay on egress, in milliseconds.")
  @Min(0)
  @Max(60000)
  private Integer latencyMillis;

  @JsonPropertyDescription("Random variation of the delay, in milliseconds.")
  @Min(0)
  @Max(60000)
  private Integer jitterMillis;

  @JsonPropertyDescription("Share of egress packets dropped, in percent (0 to 100).")
  @Min(0)
  @Max(100)
  private Double lossPercent;

  @JsonPropertyDescription("Egress rate limit in kbit/s.")
  @Min(8)
  @Max(100000000)
  private Integer bandwidthKbit;

  @JsonPropertyDescription(
      "Image of the init container that runs tc (needs iproute2 and NET_ADMIN). Defaults to"
          + " the operator's configured netem image.")
  @Size(min = 1, max = 512)
  @ValidationRule(
      value = ImageReference.RULE,
      message = "image " + ImageReference.MESSAGE,
      messageExpression = ImageReference.MESSAGE_EXPRESSION)
  private String image;
}
