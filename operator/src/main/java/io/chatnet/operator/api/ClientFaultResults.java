package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/**
 * What went wrong with the clients while the load ran, summed over the shards' summaries: signals
 * websocket drops and clients that stopped answering their status-backend calls.
 */
@Data
public class ClientFaultResults {
  @JsonPropertyDescription(
      "Signals websocket drops by client kind. A chat receipt a client missed while its socket"
          + " was down is counted unknown (unobserved), not lost: status-backend does not replay"
          + " signals nobody listened to.")
  private List<SignalDropResult> signalDrops = new ArrayList<>();

  @JsonPropertyDescription(
      "Clients with at least one status-backend call unanswered within the load generator's"
          + " request deadline (they accepted the connection, or not even that).")
  private int unresponsiveClients;

  @JsonPropertyDescription("Unanswered calls, over every client.")
  private long callTimeouts;

  @JsonPropertyDescription(
      "The first unresponsive clients by name (at most 10 per shard, 20 in all); the rest are in"
          + " unresponsiveClients only.")
  private List<String> unresponsive = new ArrayList<>();

  @JsonPropertyDescription(
      "Shards whose summary did not say (written before the load generator counted client"
          + " faults, or trimmed from a full termination message): their faults are unknown.")
  private int shardsWithoutFigures;
}
