package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/**
 * Private groups created by clients of one kind, timed to the last member seeing the group
 * (contract Summary.groupCreations).
 */
@Data
public class GroupCreationResult {
  @JsonPropertyDescription("Client kind of the creators: desktop (relay) or mobile (light client).")
  private String clientKind;

  @JsonPropertyDescription("Creations started.")
  private Long attempted;

  @JsonPropertyDescription("Creations the creator's status-backend accepted.")
  private Long created;

  @JsonPropertyDescription("Create calls that failed.")
  private Long failed;

  @JsonPropertyDescription("Groups every member saw (within 60 s).")
  private Long complete;

  @JsonPropertyDescription("Groups some member never saw.")
  private Long incomplete;

  @JsonPropertyDescription(
      "From the create call to the last member seeing the group, over complete groups.")
  private LatencyPercentiles time;
}
