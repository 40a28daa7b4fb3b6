package io.chatnet.loadgen.traffic;

/** The kinds of load, as they appear in metric labels and the summary. */
public enum TrafficKind {
  ONE_TO_ONE("oneToOne"),
  PRIVATE_GROUP("privateGroups"),
  RELAY("relay");

  private final String label;

  TrafficKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
