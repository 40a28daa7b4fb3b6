package io.chatnet.operator.network;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sizes of the process-wide caches of pure derivations (peer ids, signed ENRs, node key sets,
 * static topologies). They are keyed by what they derive from (seed, group, ordinal, pod IP), not
 * by a network, so a deleted network's entries are not pruned: each cache is bounded instead
 * (least-recently-used, or cleared when full), and these sizes show that they stay so.
 */
public final class DerivationMemos {
  /** Memo name to its bound, as the operator metrics label them. */
  public static final Map<String, Integer> BOUNDS =
      Map.of("peer-ids", 200_001, "enrs", 10_000, "node-key-sets", 64, "static-topologies", 16);

  private DerivationMemos() {}

  /** Memo name to the entries it holds now. */
  public static Map<String, Integer> sizes() {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    sizes.put("peer-ids", NodeIdentities.peerIdsCached());
    sizes.put("enrs", NodeIdentities.enrsCached());
    sizes.put("node-key-sets", NodeKeySecrets.keySetsCached());
    sizes.put("static-topologies", StaticTopology.graphsCached());
    return sizes;
  }
}
