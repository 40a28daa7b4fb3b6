package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where a phase of the run actually lay: the earliest start and latest end over the shards. */
public class PhaseWindow {
  @JsonPropertyDescription("contactRequests, idle or measured.")
  private String phase;

  @JsonPropertyDescription("Start (RFC 3339).")
  private String from;

  @JsonPropertyDescription("End (RFC 3339).")
  private String to;

  public String getPhase() {
    return phase;
  }

  public void setPhase(String phase) {
    this.phase = phase;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }
}
