package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What the clients did, over every shard (contract Summary.roles). */
public class RoleCounts {
  @JsonPropertyDescription("Pair and group members with a sending stream.")
  private Long senders;

  @JsonPropertyDescription(
      "Pair and group members that send nothing (idle.clientShare, one-sided pairs' receivers, "
          + "group creation only).")
  private Long silent;

  @JsonPropertyDescription(
      "Clients in no pair or group (contact-request requesters and targets included).")
  private Long unchatting;

  public Long getSenders() {
    return senders;
  }

  public void setSenders(Long senders) {
    this.senders = senders;
  }

  public Long getSilent() {
    return silent;
  }

  public void setSilent(Long silent) {
    this.silent = silent;
  }

  public Long getUnchatting() {
    return unchatting;
  }

  public void setUnchatting(Long unchatting) {
    this.unchatting = unchatting;
  }
}
