package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;

/** Message sizes drawn per message with the seed, instead of every message payloadBytes long. */
@ValidationRule(
    value = "self.minBytes <= self.maxBytes",
    message = "minBytes must not exceed maxBytes",
    fieldPath = ".minBytes")
public class SizeDistribution {
  @JsonPropertyDescription(
      "Fixed (payloadBytes), Uniform between minBytes and maxBytes, or LogNormal with its median at"
          + " payloadBytes cut to [minBytes, maxBytes].")
  @Default("Fixed")
  private SizeShape shape = SizeShape.FIXED;

  @JsonPropertyDescription("Smallest message text, bytes.")
  @Min(64)
  @Max(65536)
  @Default("64")
  private int minBytes = 64;

  @JsonPropertyDescription("Largest message text, bytes.")
  @Min(64)
  @Max(65536)
  @Default("4096")
  private int maxBytes = 4096;

  @JsonPropertyDescription("Log-normal sigma (spread), above 0 and at most 3.")
  @Min(value = 0, inclusive = false)
  @Max(3)
  @Default("1")
  private double sigma = 1;

  public SizeShape getShape() {
    return shape;
  }

  public void setShape(SizeShape shape) {
    this.shape = shape;
  }

  public int getMinBytes() {
    return minBytes;
  }

  public void setMinBytes(int minBytes) {
    this.minBytes = minBytes;
  }

  public int getMaxBytes() {
    return maxBytes;
  }

  public void setMaxBytes(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  public double getSigma() {
    return sigma;
  }

  public void setSigma(double sigma) {
    this.sigma = sigma;
  }
}
