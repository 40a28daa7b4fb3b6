package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/** A fraction of clients spends durationSeconds of every periodSeconds in the behaviour. */
@ValidationRule(
    value = "self.durationSeconds < self.periodSeconds",
    message = "durationSeconds must be shorter than periodSeconds",
    fieldPath = ".durationSeconds")
@Data
public class PeriodicBehaviour {
  @JsonPropertyDescription("Share of the mobile clients that adopt the behaviour, 0 to 1.")
  @Required
  @Min(0)
  @Max(1)
  private double fraction;

  @JsonPropertyDescription("Period in seconds; clients are staggered across it.")
  @Required
  @Min(2)
  @Max(86400)
  private int periodSeconds;

  @JsonPropertyDescription("Seconds spent in the behaviour each period.")
  @Required
  @Min(1)
  @Max(86400)
  private int durationSeconds;
}
