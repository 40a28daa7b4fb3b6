package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/**
 * A seeded mean-1 multiplier: the configured mean (a rate, a size) times a draw, so totals stay the
 * configured ones while individual senders or messages differ.
 */
@ValidationRule(
    value = "self.name != 'pareto' || !has(self.shape) || self.shape > 1.0",
    message = "a pareto shape (alpha) must be above 1, or the mean is infinite",
    fieldPath = ".shape")
@Data
public class MultiplierDistribution {
  @JsonPropertyDescription("constant, exponential, pareto or lognormal (each with mean 1).")
  @Default("constant")
  private DistributionName name = DistributionName.CONSTANT;

  @JsonPropertyDescription(
      "pareto: alpha (above 1, default 1.5; 1.16 gives 80/20); lognormal: sigma (default 1);"
          + " unset: the default.")
  @Min(value = 0, inclusive = false)
  @Max(20)
  private Double shape;
}
