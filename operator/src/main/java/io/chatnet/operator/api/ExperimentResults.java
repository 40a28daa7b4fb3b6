package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/** Results per kind of traffic (absent kinds were not run). */
@Data
public class ExperimentResults {
  @JsonPropertyDescription("One-to-one chats.")
  private TrafficResult oneToOne;

  @JsonPropertyDescription("Private group chats.")
  private TrafficResult privateGroups;

  @JsonPropertyDescription(
      "Raw relay publishes (sent and failed only: delivery is read from nwaku).")
  private TrafficResult relay;

  @JsonPropertyDescription("Clients that logged in, over clients assigned.")
  private String clientsReady;

  @JsonPropertyDescription("Mobile clients going offline: spells applied, failed, unsupported.")
  private BehaviourResult offline;

  @JsonPropertyDescription("Mobile clients going to the background: applied, failed, unsupported.")
  private BehaviourResult background;

  @JsonPropertyDescription(
      "Measured operations beyond steady traffic, summed over the shards' summaries: login,"
          + " contact requests, group creation, catch-up after offline spells, the idle phase.")
  private OperationResults operations;

  @JsonPropertyDescription(
      "Client faults, summed over the shards: signals websocket drops by client kind, and clients"
          + " that stopped answering status-backend calls (named).")
  private ClientFaultResults clientFaults;

  @JsonPropertyDescription(
      "Figures from Prometheus over exactly the measured window; absent when Prometheus could not"
          + " be read, in which case the MetricsAvailable condition says why and the figures above"
          + " (from the load generators' summaries) stand alone.")
  private MetricsResults metrics;
}
