package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Catch-up after offline spells of one length, for one client kind (contract Summary.catchUp). */
public class CatchUpResult {
  @JsonPropertyDescription("Client kind: desktop (relay) or mobile (light client).")
  private String clientKind;

  @JsonPropertyDescription("Length of the offline spells, seconds.")
  private Integer offlineSeconds;

  @JsonPropertyDescription("Spells of this length that ended in the measured window.")
  private Long spells;

  @JsonPropertyDescription("Spells during which messages to the client were sent.")
  private Long spellsWithMissed;

  @JsonPropertyDescription("Spells after which every missed message arrived.")
  private Long caughtUp;

  @JsonPropertyDescription(
      "Messages sent to the client while offline that had not arrived when it came back.")
  private Long missed;

  @JsonPropertyDescription("Missed messages that arrived afterwards (store query or resend).")
  private Long arrived;

  @JsonPropertyDescription("Missed messages not arrived within the load generator's window.")
  private Long neverArrived;

  @JsonPropertyDescription("neverArrived / missed.")
  private Double neverArrivedRatio;

  @JsonPropertyDescription("How long after its send a missed message was waited for.")
  private Long windowSeconds;

  @JsonPropertyDescription(
      "From coming back online to the last missed message arriving, over caught-up spells.")
  private LatencyPercentiles time;

  public String getClientKind() {
    return clientKind;
  }

  public void setClientKind(String clientKind) {
    this.clientKind = clientKind;
  }

  public Integer getOfflineSeconds() {
    return offlineSeconds;
  }

  public void setOfflineSeconds(Integer offlineSeconds) {
    this.offlineSeconds = offlineSeconds;
  }

  public Long getSpells() {
    return spells;
  }

  public void setSpells(Long spells) {
    this.spells = spells;
  }

  public Long getSpellsWithMissed() {
    return spellsWithMissed;
  }

  public void setSpellsWithMissed(Long spellsWithMissed) {
    this.spellsWithMissed = spellsWithMissed;
  }

  public Long getCaughtUp() {
    return caughtUp;
  }

  public void setCaughtUp(Long caughtUp) {
    this.caughtUp = caughtUp;
  }

  public Long getMissed() {
    return missed;
  }

  public void setMissed(Long missed) {
    this.missed = missed;
  }

  public Long getArrived() {
    return arrived;
  }

  public void setArrived(Long arrived) {
    this.arrived = arrived;
  }

  public Long getNeverArrived() {
    return neverArrived;
  }

  public void setNeverArrived(Long neverArrived) {
    this.neverArrived = neverArrived;
  }

  public Double getNeverArrivedRatio() {
    return neverArrivedRatio;
  }

  public void setNeverArrivedRatio(Double neverArrivedRatio) {
    this.neverArrivedRatio = neverArrivedRatio;
  }

  public Long getWindowSeconds() {
    return windowSeconds;
  }

  public void setWindowSeconds(Long windowSeconds) {
    this.windowSeconds = windowSeconds;
  }

  public LatencyPercentiles getTime() {
    return time;
  }

  public void setTime(LatencyPercentiles time) {
    this.time = time;
  }
}
