package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Logins of one client kind: attempts, outcomes and how long they took (contract Summary.logins).
 */
public class OperationTiming {
  @JsonPropertyDescription("Client kind: desktop (relay) or mobile (light client).")
  private String clientKind;

  @JsonPropertyDescription("Clients that tried to log in.")
  private Long attempted;

  @JsonPropertyDescription("Logins that completed (status-go's node.login signal).")
  private Long succeeded;

  @JsonPropertyDescription("Logins that failed.")
  private Long failed;

  @JsonPropertyDescription(
      "From the successful CreateAccountAndLogin call to the node.login signal.")
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

  public Long getFailed() {
    return failed;
  }

  public void setFailed(Long failed) {
    this.failed = failed;
  }

  public LatencyPercentiles getTime() {
    return time;
  }

  public void setTime(LatencyPercentiles time) {
    this.time = time;
  }
}
