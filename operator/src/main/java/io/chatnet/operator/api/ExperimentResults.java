package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Results per kind of traffic (absent kinds were not run). */
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
      "Figures from Prometheus over exactly the measured window; absent when Prometheus could not"
          + " be read, in which case the MetricsAvailable condition says why and the figures above"
          + " (from the load generators' summaries) stand alone.")
  private MetricsResults metrics;

  public TrafficResult getOneToOne() {
    return oneToOne;
  }

  public void setOneToOne(TrafficResult oneToOne) {
    this.oneToOne = oneToOne;
  }

  public TrafficResult getPrivateGroups() {
    return privateGroups;
  }

  public void setPrivateGroups(TrafficResult privateGroups) {
    this.privateGroups = privateGroups;
  }

  public TrafficResult getRelay() {
    return relay;
  }

  public void setRelay(TrafficResult relay) {
    this.relay = relay;
  }

  public String getClientsReady() {
    return clientsReady;
  }

  public void setClientsReady(String clientsReady) {
    this.clientsReady = clientsReady;
  }

  public MetricsResults getMetrics() {
    return metrics;
  }

  public void setMetrics(MetricsResults metrics) {
    this.metrics = metrics;
  }

  public BehaviourResult getOffline() {
    return offline;
  }

  public void setOffline(BehaviourResult offline) {
    this.offline = offline;
  }

  public BehaviourResult getBackground() {
    return background;
  }

  public void setBackground(BehaviourResult background) {
    this.background = background;
  }

  public OperationResults getOperations() {
    return operations;
  }

  public void setOperations(OperationResults operations) {
    this.operations = operations;
  }
}
