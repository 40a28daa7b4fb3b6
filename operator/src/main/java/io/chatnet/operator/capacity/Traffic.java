package io.chatnet.operator.capacity;

/** The chat traffic a point or a plan carries. */
public enum Traffic {
  ONE_TO_ONE("one-to-one"),
  PRIVATE_GROUPS("private groups"),
  /** Both kinds at once, or relay publishes alone: not a mix a plan can scale. */
  OTHER("other");

  private final String label;

  Traffic(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
