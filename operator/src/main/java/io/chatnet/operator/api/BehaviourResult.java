package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/**
 * What became of one mobile behaviour's spells, summed over the load generator shards: a spell
 * counts as applied only when status-backend accepted the call.
 */
@Data
public class BehaviourResult {
  @JsonPropertyDescription(
      "Spells status-backend accepted (ConnectionChangeV2 / AppStateChangeV2).")
  private long applied;

  @JsonPropertyDescription("Calls status-backend refused or that did not complete.")
  private long failed;

  @JsonPropertyDescription(
      "Spells the clients' status-go version cannot apply (no V2 state endpoints): never sent.")
  private long unsupported;
}
