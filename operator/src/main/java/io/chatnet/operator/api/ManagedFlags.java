package io.chatnet.operator.api;

/**
 * The nwaku flags the operator sets itself, as the RE2 pattern of NodeGroup's admission rule. It
 * lives in api (the ground floor) because the rule is an annotation on NodeGroup; NwakuArgs checks
 * its MANAGED_FLAGS list against it (NwakuFlagConformanceTest). Every rln-relay option of the
 * supported tags is managed: RLN is spec.rln's (the bring-up, the keystore and the password are the
 * operator's), so extraArgs can neither switch it on behind the bring-up nor point a node at
 * another contract or keystore.
 */
public final class ManagedFlags {
  /**
   * Matched against an argument lowered and stripped of underscores: nwaku compares option names
   * ignoring case and underscores (nim-confutils findOpt, cmpIgnoreStyle) and takes a value after
   * '=' or ':' (std/parseopt). One pattern keeps the rule's cost within the API server's budget.
   */
  /**
   * Every rln-relay option, present and future, as one alternative: spelling the twelve names out
   * takes the rule past the API server's cost budget.
   */
  public static final String RLN_PREFIX = "rln-relay[-a-z]*";

  public static final String PATTERN =
      "^--?(relay|cluster-id|num-shards-in-network|shard|tcp-port|rest|rest-address|"
          + "rest-port|rest-admin|rest-relay-cache-capacity|metrics-server|"
          + "metrics-server-address|metrics-server-port|"
          + "discv5-discovery|discv5-udp-port|max-connections|relay-service-ratio|"
          + "keep-alive|rendezvous|reliability|store|store-message-db-url|legacy-store|"
          + "filter|lightpush|peer-exchange|nodekey|nat|dns-addrs-name-server|"
          + "discv5-bootstrap-node|staticnode|preset|mode|ports-shift|"
          + RLN_PREFIX
          + ")([=:].*)?$";

  private ManagedFlags() {}
}
