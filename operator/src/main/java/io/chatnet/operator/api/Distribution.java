package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/** How one per-node (or per-series) quantity spread over the nodes, over the measured window. */
@Data
public class Distribution {
  @JsonPropertyDescription("Mean over the nodes of each node's window average.")
  private Double mean;

  @JsonPropertyDescription("95th percentile over the nodes of each node's window average.")
  private Double p95;

  @JsonPropertyDescription("Largest node's window average.")
  private Double max;

  @JsonPropertyDescription("How many nodes (series) the figures cover.")
  private Integer nodes;
}
