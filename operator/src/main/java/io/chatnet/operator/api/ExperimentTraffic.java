package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/** The kinds of load; any combination. */
@Data
public class ExperimentTraffic {
  @JsonPropertyDescription("One-to-one chats between pairs of clients.")
  private OneToOneTraffic oneToOne;

  @JsonPropertyDescription("Private group chats.")
  private PrivateGroupTraffic privateGroups;

  @JsonPropertyDescription("Raw Waku relay messages published to nwaku REST (no clients needed).")
  private RelayTraffic relay;
}
