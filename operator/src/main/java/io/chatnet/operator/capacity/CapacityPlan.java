package io.chatnet.operator.capacity;

import java.util.List;

/**
 * A plan's answer: per pod figures (each with its source), the relay node count and where it came
 * from, the demand on each machine limit, the machines needed and the limit that binds first.
 */
public record CapacityPlan(
    PlanRequest request,
    String source,
    int relayNodes,
    String relayNodesFrom,
    List<Figure> perPod,
    List<Limit> limits,
    long nodesNeeded,
    long nodesNeededAtBandHigh,
    String binding,
    List<String> notes) {

  /** One per pod figure: predicted value with its bands, and where it comes from. */
  public record Figure(Quantity quantity, Prediction prediction, String source) {}

  /**
   * One machine limit: the demand of every relay and client pod, the machine's capacity, the
   * machines it alone needs (rounded up), at the prediction and at the prediction band's upper end.
   */
  public record Limit(
      String name,
      double demand,
      double demandAtBandHigh,
      double perNode,
      long nodes,
      long nodesAtBandHigh) {}
}
