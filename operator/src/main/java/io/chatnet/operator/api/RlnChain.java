package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/** The chain that holds an RLN network's membership contract. */
@ValidationRule(
    value =
        "self.mode != 'external' || (has(self.rpcUrl) && has(self.contractAddress) &&"
            + " has(self.chainId))",
    message = "an external chain needs rpcUrl, contractAddress and chainId",
    fieldPath = ".mode")
@ValidationRule(
    value = "self.mode != 'in-network' || (!has(self.rpcUrl) && !has(self.contractAddress))",
    message =
        "rpcUrl and contractAddress are for an external chain; the in-network chain's come from"
            + " its bring-up",
    fieldPath = ".mode")
@Data
public class RlnChain {
  @JsonPropertyDescription(
      "in-network: the operator deploys an anvil chain (Deployment and Service) and the token,"
          + " price calculator and RLN contract into the network's namespace. external: an"
          + " existing chain and contract (rpcUrl, contractAddress, chainId).")
  @Default("in-network")
  private RlnChainMode mode = RlnChainMode.IN_NETWORK;

  @JsonPropertyDescription(
      "External chain: the JSON-RPC URL nodes and the keystore tool use"
          + " (--rln-relay-eth-client-address). http or https only: nwaku's EthRpcUrl parser"
          + " rejects ws and wss.")
  // What both EthRpcUrl parsers accept (nwaku v0.36.0 waku/factory/external_config.nim and
  // logos-delivery v0.38.1 tools/confutils/cli_args.nim, parseCmdArg): host labels without
  // underscores or edge hyphens, optional port, a path without query, no credentials.
  @Pattern(
      "^https?://[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}"
          + "[A-Za-z0-9])?)*(:[0-9]{1,5})?(/[A-Za-z0-9_.,@^=%&:/~+-]*)?$")
  private String rpcUrl;

  @JsonPropertyDescription(
      "External chain: the RLN proxy contract's address (--rln-relay-eth-contract-address),"
          + " 0x and 40 hex digits.")
  @Pattern("^0x[0-9a-fA-F]{40}$")
  private String contractAddress;

  @JsonPropertyDescription(
      "Chain id (--rln-relay-chain-id; nwaku refuses to start RLN without one when no preset"
          + " applies). External: required. In-network: anvil's --chain-id, 1234 (as"
          + " waku-simulator) when unset.")
  @Min(1)
  @Max(4294967295L)
  private Long chainId;
}
