package io.chatnet.operator.capacity;

/**
 * What the capacity model fits, each per pod (mean over the pods of its role) or per traffic kind.
 */
public enum Quantity {
  RELAY_BANDWIDTH_IN("relay bandwidth in", Unit.BYTES_PER_SECOND),
  RELAY_BANDWIDTH_OUT("relay bandwidth out", Unit.BYTES_PER_SECOND),
  RELAY_CPU("relay CPU", Unit.CORES),
  RELAY_MEMORY("relay memory", Unit.BYTES),
  CLIENT_CPU("client CPU", Unit.CORES),
  CLIENT_MEMORY("client memory", Unit.BYTES),
  ONE_TO_ONE_DELIVERY("1:1 delivery", Unit.RATIO),
  ONE_TO_ONE_LATENCY_P50("1:1 latency p50", Unit.MILLIS),
  ONE_TO_ONE_LATENCY_P95("1:1 latency p95", Unit.MILLIS),
  ONE_TO_ONE_LATENCY_P99("1:1 latency p99", Unit.MILLIS),
  GROUP_DELIVERY("group delivery", Unit.RATIO),
  GROUP_LATENCY_P50("group latency p50", Unit.MILLIS),
  GROUP_LATENCY_P95("group latency p95", Unit.MILLIS),
  GROUP_LATENCY_P99("group latency p99", Unit.MILLIS);

  /** How a quantity's figures read. */
  public enum Unit {
    BYTES_PER_SECOND,
    BYTES,
    CORES,
    RATIO,
    MILLIS
  }

  private final String label;
  private final Unit unit;

  Quantity(String label, Unit unit) {
    this.label = label;
    this.unit = unit;
  }

  public String label() {
    return label;
  }

  public Unit unit() {
    return unit;
  }
}
