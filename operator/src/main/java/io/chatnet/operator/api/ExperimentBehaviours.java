package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Mobile behaviours; each picks a fraction of clients and repeats on a period. */
public class ExperimentBehaviours {
  @JsonPropertyDescription("Going offline and back (ConnectionChange none / wifi).")
  private PeriodicBehaviour offline;

  @JsonPropertyDescription("Going to the background and back (AppStateChangeV2).")
  private PeriodicBehaviour background;

  public PeriodicBehaviour getOffline() {
    return offline;
  }

  public void setOffline(PeriodicBehaviour offline) {
    this.offline = offline;
  }

  public PeriodicBehaviour getBackground() {
    return background;
  }

  public void setBackground(PeriodicBehaviour background) {
    this.background = background;
  }
}
