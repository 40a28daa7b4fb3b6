package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How one per-node (or per-series) quantity spread over the nodes, over the measured window. */
public class Distribution {
  @JsonPropertyDescription("Mean over the nodes of each node's window average.")
  private Double mean;

  @JsonPropertyDescription("95th percentile over the nodes of each node's window average.")
  private Double p95;

  @JsonPropertyDescription("Largest node's window average.")
  private Double max;

  @JsonPropertyDescription("How many nodes (series) the figures cover.")
  private Integer nodes;

  public Double getMean() {
    return mean;
  }

  public void setMean(Double mean) {
    this.mean = mean;
  }

  public Double getP95() {
    return p95;
  }

  public void setP95(Double p95) {
    this.p95 = p95;
  }

  public Double getMax() {
    return max;
  }

  public void setMax(Double max) {
    this.max = max;
  }

  public Integer getNodes() {
    return nodes;
  }

  public void setNodes(Integer nodes) {
    this.nodes = nodes;
  }
}
