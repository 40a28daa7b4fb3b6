package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * Mobile catch-up: for every offline spell, the time from coming back online until each message
 * sent to the client meanwhile arrives (through store queries or resends), and the share that never
 * arrives; reported per client kind and offline length.
 */
public class CatchUpMeasurement {
  @JsonPropertyDescription(
      "Offline lengths in seconds, cycled over the offline spells in place of"
          + " behaviours.offline.durationSeconds, so catch-up is charted per length; each shorter"
          + " than behaviours.offline.periodSeconds. Empty: the offline behaviour's own length.")
  @Size(max = 8)
  private List<@Min(1) @Max(86400) Integer> offlineSeconds = new ArrayList<>();

  @JsonPropertyDescription(
      "Seconds after coming back online a missed message may still arrive; later it counts as"
          + " never arrived.")
  @Min(10)
  @Max(3600)
  @Default("300")
  private int deadlineSeconds = 300;

  @JsonPropertyDescription(
      "Relay (desktop) clients take the offline spells too, so catch-up is measured for both"
          + " client kinds; false: mobile (light) clients only.")
  @Default("false")
  private boolean relayClients;

  public List<Integer> getOfflineSeconds() {
    return offlineSeconds;
  }

  public void setOfflineSeconds(List<Integer> offlineSeconds) {
    this.offlineSeconds = offlineSeconds;
  }

  public int getDeadlineSeconds() {
    return deadlineSeconds;
  }

  public void setDeadlineSeconds(int deadlineSeconds) {
    this.deadlineSeconds = deadlineSeconds;
  }

  public boolean isRelayClients() {
    return relayClients;
  }

  public void setRelayClients(boolean relayClients) {
    this.relayClients = relayClients;
  }
}
