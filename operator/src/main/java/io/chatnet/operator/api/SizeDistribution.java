package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/**
 * Message sizes: each chat message is its traffic's payloadBytes times a seeded draw of the
 * distribution, cut to [minBytes, maxBytes].
 */
@ValidationRule(
    value = "!has(self.minBytes) || !has(self.maxBytes) || self.minBytes <= self.maxBytes",
    message = "minBytes must not exceed maxBytes",
    fieldPath = ".minBytes")
@Data
public class SizeDistribution {
  @JsonPropertyDescription("The per-message multiplier of payloadBytes.")
  @Required
  private MultiplierDistribution distribution;

  @JsonPropertyDescription("Smallest message text, bytes; unset: no lower cut.")
  @Min(1)
  @Max(65536)
  private Integer minBytes;

  @JsonPropertyDescription("Largest message text, bytes; unset: no upper cut.")
  @Min(1)
  @Max(1048576)
  private Integer maxBytes;
}
