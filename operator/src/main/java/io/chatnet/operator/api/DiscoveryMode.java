package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How nwaku nodes find each other. */
public enum DiscoveryMode {
  /** discv5 seeded with the bootstrap nodes' ENRs, which the operator computes. */
  @JsonProperty("discv5")
  DISCV5,
  /** A fixed random regular graph from the seed: every node dials its neighbours. */
  @JsonProperty("static")
  STATIC
}
