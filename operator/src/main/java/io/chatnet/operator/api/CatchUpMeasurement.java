package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/**
 * Mobile catch-up: for every offline spell, the time from coming back online until each message
 * sent to the client meanwhile arrives (through store queries or resends), and the share that never
 * arrives (within the load generator's retention: the longest spell + 60 s, at least 120 s);
 * reported per client kind and offline length.
 */
@Data
public class CatchUpMeasurement {
  @JsonPropertyDescription(
      "Offline lengths in seconds, cycled over the offline spells in place of"
          + " behaviours.offline.durationSeconds, so catch-up is charted per length; each shorter"
          + " than behaviours.offline.periodSeconds. Empty: the offline behaviour's own length.")
  @Size(max = 8)
  private List<@Min(1) @Max(86400) Integer> offlineSeconds = new ArrayList<>();

  @JsonPropertyDescription(
      "Relay (desktop) clients take the offline spells too, so catch-up is measured for both"
          + " client kinds; false: mobile (light) clients only.")
  @Default("false")
  private boolean relayClients;
}
