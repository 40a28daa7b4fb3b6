package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Per-user activity: each sender gets a seeded weight with mean 1 and sends at the traffic's
 * messagesPerMinute times its weight, so the offered total stays the configured one.
 */
@ValidationRule(
    value = "self.shape == 'Equal' || has(self.parameter)",
    message = "Zipf and LogNormal need a parameter (the exponent or sigma)",
    fieldPath = ".parameter")
public class ActivityDistribution {
  @JsonPropertyDescription(
      "Equal (every sender at the mean), Zipf (rate ~ 1/rank^parameter) or LogNormal (sigma ="
          + " parameter).")
  @Default("Equal")
  private ActivityShape shape = ActivityShape.EQUAL;

  @JsonPropertyDescription("The Zipf exponent or the log-normal sigma, above 0 and at most 5.")
  @Min(value = 0, inclusive = false)
  @Max(5)
  private Double parameter;

  public ActivityShape getShape() {
    return shape;
  }

  public void setShape(ActivityShape shape) {
    this.shape = shape;
  }

  public Double getParameter() {
    return parameter;
  }

  public void setParameter(Double parameter) {
    this.parameter = parameter;
  }
}
