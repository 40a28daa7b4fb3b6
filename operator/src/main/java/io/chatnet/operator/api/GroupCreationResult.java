package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Private groups created by clients of one kind, timed to the last member seeing the group
 * (contract Summary.groupCreations).
 */
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

  public String getClientKind() {
    return clientKind;
  }

  public void setClientKind(String clientKind) {
    this.clientKind = clientKind;
  }

  public Long getAttempted() {
    return attempted;
  }

  public void setAttempted(Long attempted) {
    this.attempted = attempted;
  }

  public Long getCreated() {
    return created;
  }

  public void setCreated(Long created) {
    this.created = created;
  }

  public Long getFailed() {
    return failed;
  }

  public void setFailed(Long failed) {
    this.failed = failed;
  }

  public Long getComplete() {
    return complete;
  }

  public void setComplete(Long complete) {
    this.complete = complete;
  }

  public Long getIncomplete() {
    return incomplete;
  }

  public void setIncomplete(Long incomplete) {
    this.incomplete = incomplete;
  }

  public LatencyPercentiles getTime() {
    return time;
  }

  public void setTime(LatencyPercentiles time) {
    this.time = time;
  }
}
