package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A timed operation (login, group creation) per client kind: how many were tried and succeeded, and
 * how long they took.
 */
public class OperationTiming {
  @JsonPropertyDescription("Client kind: desktop (relay) or mobile (light client).")
  private String clientKind;

  @JsonPropertyDescription("Operations started.")
  private Long attempted;

  @JsonPropertyDescription(
      "Operations that completed (for group creation: every member saw the group).")
  private Long succeeded;

  @JsonPropertyDescription("Time to complete, over the completed operations.")
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

  public Long getSucceeded() {
    return succeeded;
  }

  public void setSucceeded(Long succeeded) {
    this.succeeded = succeeded;
  }

  public LatencyPercentiles getTime() {
    return time;
  }

  public void setTime(LatencyPercentiles time) {
    this.time = time;
  }
}
