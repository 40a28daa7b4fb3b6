package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/** Readiness of one group, read from its StatefulSet's status. */
@Data
public class GroupStatus {
  @JsonPropertyDescription("Group name.")
  private String name;

  @JsonPropertyDescription("nwaku or status-backend.")
  private GroupKind kind;

  @JsonPropertyDescription("The group's role.")
  private GroupRole role;

  @JsonPropertyDescription("Desired pods.")
  private int replicas;

  @JsonPropertyDescription("Ready pods of the current revision.")
  private int readyReplicas;

  @JsonPropertyDescription(
      "Ready pods the group needs (its readyThreshold in pods): the network is Ready and the next"
          + " start stage begins once every group has at least this many.")
  private int readyThreshold;

  @JsonPropertyDescription(
      "Why pods are not ready, once the group is short past the readiness deadline: counts per"
          + " cause with an example pod and message.")
  private String notReadyCauses;

  @JsonPropertyDescription(
      "Waiting (an earlier stage is not ready yet), Starting, Ready or Updating.")
  private String state;
}
