package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/** What the clients did, over every shard (contract Summary.roles). */
@Data
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
}
