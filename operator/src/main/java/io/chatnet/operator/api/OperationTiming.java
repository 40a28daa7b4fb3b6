package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/**
 * Logins of one client kind: attempts, outcomes and how long they took (contract Summary.logins).
 */
@Data
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
}
