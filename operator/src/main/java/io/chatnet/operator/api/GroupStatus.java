package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Readiness of one group, read from its StatefulSet's status. */
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

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public GroupKind getKind() {
    return kind;
  }

  public void setKind(GroupKind kind) {
    this.kind = kind;
  }

  public GroupRole getRole() {
    return role;
  }

  public void setRole(GroupRole role) {
    this.role = role;
  }

  public int getReplicas() {
    return replicas;
  }

  public void setReplicas(int replicas) {
    this.replicas = replicas;
  }

  public int getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(int readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public int getReadyThreshold() {
    return readyThreshold;
  }

  public void setReadyThreshold(int readyThreshold) {
    this.readyThreshold = readyThreshold;
  }

  public String getNotReadyCauses() {
    return notReadyCauses;
  }

  public void setNotReadyCauses(String notReadyCauses) {
    this.notReadyCauses = notReadyCauses;
  }
}
