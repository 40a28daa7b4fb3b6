package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/**
 * Mobile behaviours; each picks a fraction of the network's mobile (light) clients and repeats on a
 * period. Desktop clients are never touched.
 */
@Data
@ValidationRule(
    value = "!has(self.catchUp) || has(self.offline)",
    message = "catchUp measures offline spells: it needs behaviours.offline",
    fieldPath = ".catchUp")
@ValidationRule(
    value =
        "!has(self.catchUp) || !has(self.offline) || !has(self.catchUp.offlineSeconds) ||"
            + " self.catchUp.offlineSeconds.all(s, s < self.offline.periodSeconds)",
    message = "every catchUp.offlineSeconds must be shorter than offline.periodSeconds",
    fieldPath = ".catchUp.offlineSeconds")
public class ExperimentBehaviours {
  @JsonPropertyDescription(
      "Mobile clients going offline and back (ConnectionChangeV2 type none, then wifi).")
  private PeriodicBehaviour offline;

  @JsonPropertyDescription(
      "Mobile clients going to the background and back (AppStateChangeV2 background, then"
          + " active).")
  private PeriodicBehaviour background;

  @JsonPropertyDescription(
      "Measure catch-up after the offline spells: time from coming back online until each message"
          + " missed meanwhile arrives, and the share that never does, per client kind and offline"
          + " length.")
  private CatchUpMeasurement catchUp;
}
