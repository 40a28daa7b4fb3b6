package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Private group chats; every member sends at the given Poisson rate. A client is in at most one
 * pair or group: groups x membersPerGroup clients must be left after the pairs.
 */
@ValidationRule(
    value =
        "!has(self.mobileMembersPerGroup) || self.mobileMembersPerGroup <= self.membersPerGroup",
    message = "mobileMembersPerGroup must not exceed membersPerGroup",
    fieldPath = ".mobileMembersPerGroup")
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

  public int getGroups() {
    return groups;
  }

  public void setGroups(int groups) {
    this.groups = groups;
  }

  public int getMembersPerGroup() {
    return membersPerGroup;
  }

  public void setMembersPerGroup(int membersPerGroup) {
    this.membersPerGroup = membersPerGroup;
  }

  public Integer getMobileMembersPerGroup() {
    return mobileMembersPerGroup;
  }

  public void setMobileMembersPerGroup(Integer mobileMembersPerGroup) {
    this.mobileMembersPerGroup = mobileMembersPerGroup;
  }

  public double getMessagesPerMinute() {
    return messagesPerMinute;
  }

  public void setMessagesPerMinute(double messagesPerMinute) {
    this.messagesPerMinute = messagesPerMinute;
  }

  public int getPayloadBytes() {
    return payloadBytes;
  }

  public void setPayloadBytes(int payloadBytes) {
    this.payloadBytes = payloadBytes;
  }
}
