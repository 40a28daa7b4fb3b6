package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/**
 * What the RLN bring-up recorded: where the chain and contract are (read back from the deploy Job's
 * termination message, never guessed) and how far funding and registration got per publishing
 * group. Later reconciles read these instead of running a step again.
 */
@Data
public class RlnStatus {
  @JsonPropertyDescription(
      "The JSON-RPC URL nodes and Jobs use (the in-network chain's Service, or spec.rln.chain"
          + ".rpcUrl).")
  private String rpcUrl;

  @JsonPropertyDescription("The chain id (--rln-relay-chain-id).")
  private Long chainId;

  @JsonPropertyDescription(
      "The RLN proxy contract's address (--rln-relay-eth-contract-address): reported by the"
          + " deploy Job for the in-network chain, spec.rln.chain.contractAddress for an external"
          + " one.")
  private String contractAddress;

  @JsonPropertyDescription(
      "The TestStableToken (TST) proxy's address the deposits are paid in (in-network chain).")
  private String tokenAddress;

  @JsonPropertyDescription("The Job whose termination message reported the addresses.")
  private String deployJob;

  @JsonPropertyDescription(
      "Per publishing group: ordinals funded (gas, token, allowance) and memberships registered.")
  private List<RlnGroupStatus> groups = new ArrayList<>();
}
