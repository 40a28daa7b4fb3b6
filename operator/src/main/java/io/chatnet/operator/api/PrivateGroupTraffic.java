package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/**
 * Private group chats; every member sends at the given Poisson rate. A client is in at most one
 * pair or group: groups x membersPerGroup clients must be left after the pairs.
 */
@ValidationRule(
    value =
        "!has(self.mobileMembersPerGroup) || self.mobileMembersPerGroup <= self.membersPerGroup",
    message = "mobileMembersPerGroup must not exceed membersPerGroup",
    fieldPath = ".mobileMembersPerGroup")
@Data
public class PrivateGroupTraffic {
  @JsonPropertyDescription("Number of private groups.")
  @Required
  @Min(1)
  @Max(10000)
  private int groups;

  @JsonPropertyDescription("Members per group, the creator included.")
  @Required
  @Min(2)
  @Max(256)
  private int membersPerGroup;

  @JsonPropertyDescription(
      "Mobile (light client) members in every group; the other members are desktop clients. Unset:"
          + " members are taken from all status-backend clients in order, whatever their role.")
  @Min(0)
  @Max(256)
  private Integer mobileMembersPerGroup;

  @JsonPropertyDescription(
      "Messages per minute each member sends (Poisson arrivals), greater than 0.")
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
