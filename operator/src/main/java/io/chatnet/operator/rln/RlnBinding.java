package io.chatnet.operator.rln;

import java.util.Map;

/**
 * What the RLN bring-up (reconciler/RlnStep: chain, contract, funding) hands the node builders once
 * the contract is known: where nodes and the keystore tool find it, and how many ordinals of each
 * publishing group have a funded account (a publishing StatefulSet never runs pods past them: an
 * unfunded pod's registration would fail). Absent until RlnReady; never present for a network
 * without RLN.
 */
public record RlnBinding(RlnEndpoints endpoints, Map<String, Integer> fundedNodes) {
  /** The init container that registers a publishing pod's membership into its keystore. */
  public static final String KEYSTORE_INIT_CONTAINER = "rln-keystore";

  public RlnBinding {
    fundedNodes = Map.copyOf(fundedNodes);
  }

  /** Ordinals 0..n-1 of {@code group} are funded; 0 for a group not named. */
  public int fundedNodes(String group) {
    return fundedNodes.getOrDefault(group, 0);
  }
}
