package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/**
 * Mobile behaviours; each picks a fraction of the network's mobile (light) clients and repeats on a
 * period. Desktop clients are never touched.
 */
@Data
public class ExperimentBehaviours {
  @JsonPropertyDescription(
      "Mobile clients going offline and back (ConnectionChangeV2 type none, then wifi).")
  private PeriodicBehaviour offline;

  @JsonPropertyDescription(
      "Mobile clients going to the background and back (AppStateChangeV2 background, then"
          + " active).")
  private PeriodicBehaviour background;
}
