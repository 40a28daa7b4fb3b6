package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/** Pairs of clients chatting one-to-one; each side sends at the given Poisson rate. */
@ValidationRule(
    value = "!has(self.desktopMobilePairs) || self.desktopMobilePairs <= self.pairs",
    message = "desktopMobilePairs must not exceed pairs",
    fieldPath = ".desktopMobilePairs")
@Data
public class OneToOneTraffic {
  @JsonPropertyDescription("Number of chatting pairs (a client is in at most one pair or group).")
  @Required
  @Min(1)
  @Max(50000)
  private int pairs;

  @JsonPropertyDescription(
      "How many of the pairs join a desktop client with a mobile (light client) one; the other"
          + " pairs take the clients left, in order, whatever their role.")
  @Min(0)
  @Max(50000)
  @Default("0")
  private int desktopMobilePairs;

  @JsonPropertyDescription(
      "Messages per minute each side of a pair sends (Poisson arrivals), greater than 0.")
  @Required
  // exclusiveMinimum: with minimum 0.001 an integer 0 passed (the API server compares integers
  // with the minimum truncated to an integer).
  @Min(value = 0, inclusive = false)
  @Max(6000)
  private double messagesPerMinute;

  @JsonPropertyDescription("Message text size in bytes.")
  @Min(64)
  @Max(65536)
  @Default("256")
  private int payloadBytes = 256;
}
