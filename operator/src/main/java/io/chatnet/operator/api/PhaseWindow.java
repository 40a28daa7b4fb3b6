package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/** Where a phase of the run actually lay: the earliest start and latest end over the shards. */
@Data
public class PhaseWindow {
  @JsonPropertyDescription("contactRequests, idle or measured.")
  private String phase;

  @JsonPropertyDescription("Start (RFC 3339).")
  private String from;

  @JsonPropertyDescription("End (RFC 3339).")
  private String to;
}
