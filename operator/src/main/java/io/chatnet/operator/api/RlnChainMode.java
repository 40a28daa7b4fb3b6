package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where an RLN network's membership contract lives. */
public enum RlnChainMode {
  /** The operator deploys an anvil chain and the contract inside the network's namespace. */
  @JsonProperty("in-network")
  IN_NETWORK,
  /** An existing chain and contract, given by RPC URL, contract address and chain id. */
  @JsonProperty("external")
  EXTERNAL
}
