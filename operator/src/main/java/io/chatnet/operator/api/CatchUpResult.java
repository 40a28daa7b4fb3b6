package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Catch-up after offline spells of one length, for one client kind. */
public class CatchUpResult {
  @JsonPropertyDescription("Client kind: desktop (relay) or mobile (light client).")
  private String clientKind;

  @JsonPropertyDescription("Length of the offline spells, seconds.")
  private Integer offlineSeconds;

  @JsonPropertyDescription("Offline spells of this length.")
  private Long spells;

  @JsonPropertyDescription("Messages sent to the clients while they were offline.")
  private Long missed;

  @JsonPropertyDescription(
      "Missed messages that arrived after the client came back (store query or resend).")
  private Long arrived;

  @JsonPropertyDescription("Missed messages that had not arrived by the deadline.")
  private Long neverArrived;

  @JsonPropertyDescription("neverArrived / missed.")
  private Double neverArrivedRatio;

  @JsonPropertyDescription("From coming back online to each missed message arriving.")
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

  public LatencyPercentiles getTime() {
    return time;
  }

  public void setTime(LatencyPercentiles time) {
    this.time = time;
  }
}
