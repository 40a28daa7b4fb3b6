package io.chatnet.operator.capacity;

import java.util.Map;

/**
 * One measured point of a sweep (one experiment's report.json): {@code users} status-backend
 * clients, each offering {@code ratePerUser} messages per second, on {@code relayNodes} nwaku
 * nodes, with {@code traffic} one-to-one or private-groups ({@code groupSize} members) of {@code
 * payloadBytes}; {@code measured} holds the quantities the run measured (absent: not measured);
 * {@code rln} its RLN limit and figures, null when the run had no RLN.
 */
public record SweepPoint(
    String source,
    double users,
    double ratePerUser,
    int relayNodes,
    Traffic traffic,
    Integer groupSize,
    Integer payloadBytes,
    Map<Quantity, Double> measured,
    RlnPoint rln) {
  /** A point without RLN. */
  public SweepPoint(
      String source,
      double users,
      double ratePerUser,
      int relayNodes,
      Traffic traffic,
      Integer groupSize,
      Integer payloadBytes,
      Map<Quantity, Double> measured) {
    this(source, users, ratePerUser, relayNodes, traffic, groupSize, payloadBytes, measured, null);
  }
}
