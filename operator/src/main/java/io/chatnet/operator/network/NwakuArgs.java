package io.chatnet.operator.network;

import io.chatnet.operator.api.ChatNetworkSpec;
import io.chatnet.operator.api.DiscoveryMode;
import io.chatnet.operator.api.GroupRole;
import io.chatnet.operator.api.ManagedFlags;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.NodeProfile;
import io.chatnet.operator.api.ServiceProtocols;
import io.chatnet.operator.rln.RlnArgs;
import io.chatnet.operator.rln.RlnEndpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The nwaku / logos-delivery command line of a group, per role and per the group's version profile.
 * Per-pod values (node key, external IP, name servers, bootstrap ENRs, static peers) are added by
 * {@link NodeStartScript} when the pod starts. Every flag is checked against each supported tag's
 * option list by NwakuFlagConformanceTest.
 *
 * <p>Where a default differs between the supported tags, the value is written out so that every
 * version runs the same network: --peer-exchange (false at nwaku v0.36.0, true from v0.37),
 * --keep-alive (false at v0.36.0; from v0.37 ignored, keep-alive always on), --legacy-store (true
 * at v0.36.0), --max-connections and --relay-service-ratio (50 and 60:40 up to v0.37, 150 and 50:50
 * at logos-delivery v0.38.1), --rest (false at v0.38.1), --num-shards-in-network (0, 1, 0).
 */
public final class NwakuArgs {
  /** Where service nodes keep their store database (an emptyDir). */
  static final String STORE_DB_URL = "sqlite:///data/store.sqlite3";

  /**
   * Messages the REST relay cache keeps between two reads (--rest-relay-cache-capacity; 50 is the
   * default at every supported tag, waku_api/message_cache.nim). The load generator reads relay
   * load back from it and spaces its reads by it, no closer than 20 ms: 50 overflows above about
   * 500 msg/s of relay load network-wide (its receipts then count as unknown), 500 ten times that.
   * Every node fills its cache with its shards' messages (rest/builder.nim subscribes it to every
   * --shard), so this costs about 500 message sizes of memory per node: about 1 MiB for chat-sized
   * messages. Managed, so extraArgs cannot change it behind the plan's back.
   */
  public static final int REST_RELAY_CACHE_CAPACITY = 500;

  /** Connection budget when the static graph needs no more: logos-delivery v0.38.1's default. */
  static final int MAX_CONNECTIONS = 150;

  /**
   * Flags the start script adds per pod ({@link NodeStartScript}; nodekey through the environment,
   * WAKUNODE2_NODEKEY); like the ones below, extraArgs cannot set them.
   */
  public static final List<String> SCRIPT_FLAGS =
      List.of("nodekey", "nat", "dns-addrs-name-server", "discv5-bootstrap-node", "staticnode");

  /**
   * Flags that would silently replace managed ones though chatnet never emits them: --preset
   * overrides cluster id and sharding, --mode=Core|Edge (logos-delivery v0.38.1) forces protocols
   * on or off, --ports-shift moves every port away from the probes and Services.
   */
  public static final List<String> OVERRIDING_FLAGS = List.of("preset", "mode", "ports-shift");

  /**
   * rln-relay options of the supported tags (nwaku v0.36.0, v0.37.1-beta, logos-delivery v0.38.1
   * option lists) that no node is started with: the keystore tool's account key (given to the tool
   * only, in its environment), --rln-relay-membership-index (one credential per keystore, so none
   * is needed) and --rln-relay-tree-path (v0.36.0 only, left at its default). Managed all the same.
   */
  public static final List<String> RLN_UNUSED_FLAGS =
      List.of("rln-relay-eth-private-key", "rln-relay-membership-index", "rln-relay-tree-path");

  /**
   * Every flag name (without dashes) that extraArgs must not set: what {@link #of} emits for some
   * role, discovery mode and version, what the start script adds, and {@link #OVERRIDING_FLAGS}.
   * One list; the admission rule's copy ({@link #MANAGED_FLAGS_PATTERN}) and the emitted flags are
   * both checked against it by tests.
   */
  public static final List<String> MANAGED_FLAGS =
      List.of(
          "relay",
          "cluster-id",
          "num-shards-in-network",
          "shard",
          "tcp-port",
          "rest",
          "rest-address",
          "rest-port",
          "rest-admin",
          "rest-relay-cache-capacity",
          "metrics-server",
          "metrics-server-address",
          "metrics-server-port",
          "discv5-discovery",
          "discv5-udp-port",
          "max-connections",
          "relay-service-ratio",
          "keep-alive",
          "rendezvous",
          "reliability",
          "store",
          "store-message-db-url",
          "legacy-store",
          "filter",
          "lightpush",
          "peer-exchange",
          "nodekey",
          "nat",
          "dns-addrs-name-server",
          "discv5-bootstrap-node",
          "staticnode",
          "preset",
          "mode",
          "ports-shift",
          "rln-relay",
          "rln-relay-dynamic",
          "rln-relay-eth-client-address",
          "rln-relay-eth-contract-address",
          "rln-relay-chain-id",
          "rln-relay-epoch-sec",
          "rln-relay-user-message-limit",
          "rln-relay-cred-path",
          "rln-relay-cred-password",
          "rln-relay-eth-private-key",
          "rln-relay-membership-index",
          "rln-relay-tree-path");

  /**
   * {@link #MANAGED_FLAGS} as the RE2 pattern of NodeGroup's admission rule, matched against an
   * argument lowered and stripped of underscores: nwaku compares option names ignoring case and
   * underscores (nim-confutils findOpt, cmpIgnoreStyle) and takes a value after '=' or ':'
   * (std/parseopt). One pattern keeps the rule's cost within the API server's budget.
   */
  public static final String MANAGED_FLAGS_PATTERN = ManagedFlags.PATTERN;

  private NwakuArgs() {}

  /** The managed flags of the group's command line, then its extraArgs. */
  public static List<String> of(ChatNetworkSpec spec, NodeGroup group) {
    return of(spec, group, Optional.empty());
  }

  /**
   * The same with the group's RLN flags ({@link RlnArgs#node}) when the network's RLN contract is
   * known ({@code chain}); the keystore password reaches the node through its environment ({@link
   * NodeStartScript}), never this list.
   */
  public static List<String> of(
      ChatNetworkSpec spec, NodeGroup group, Optional<RlnEndpoints> chain) {
    List<String> args = managed(spec, group);
    chain.ifPresent(c -> args.addAll(RlnArgs.node(spec.getRln(), group, c)));
    args.addAll(group.getExtraArgs());
    return args;
  }

  static List<String> managed(ChatNetworkSpec spec, NodeGroup group) {
    NodeProfile profile = group.effectiveVersion().node();
    boolean discv5 = spec.getDiscovery().getMode() == DiscoveryMode.DISCV5;
    List<String> args = new ArrayList<>();
    args.add("--relay=true");
    args.add("--cluster-id=" + spec.getClusterId());
    // Static sharding on every version: the spec's shards are static shard indices (status-go
    // subscribes to /waku/2/rs/<cluster>/<shard>). 0 is v0.36.0's default and there skips the shard
    // check (waku/factory/waku_conf.nim validateShards); from v0.37 it selects StaticSharding,
    // which accepts any shard (waku/factory/networks_config.nim validateShards), whereas
    // v0.37.1-beta's default 1 selects AutoSharding with one shard and refuses --shard=32.
    args.add("--num-shards-in-network=0");
    spec.getShards().forEach(shard -> args.add("--shard=" + shard));
    args.add("--tcp-port=" + WakuPorts.LIBP2P);
    args.add("--rest=true");
    args.add("--rest-address=0.0.0.0");
    args.add("--rest-port=" + WakuPorts.REST);
    args.add("--rest-admin=true");
    args.add("--rest-relay-cache-capacity=" + REST_RELAY_CACHE_CAPACITY);
    args.add("--metrics-server=true");
    args.add("--metrics-server-address=0.0.0.0");
    args.add("--metrics-server-port=" + WakuPorts.METRICS);
    args.add("--discv5-discovery=" + discv5);
    if (discv5) {
      args.add("--discv5-udp-port=" + WakuPorts.DISCV5);
    }
    args.add("--max-connections=" + maxConnections(spec, group));
    args.add("--relay-service-ratio=50:50");
    args.add("--keep-alive=true");
    // Rendezvous (default true on every tag) is a discovery protocol of its own: with it a static
    // graph would grow edges (waku/factory/node_factory.nim mounts it, v0.38.1 with a client).
    args.add("--rendezvous=false");
    // p2p reliability (default true at v0.38.1) makes the delivery service query store for sent
    // messages (waku/node/delivery_service/send_service/send_service.nim): extra store traffic.
    args.add("--reliability=false");
    ServiceProtocols services =
        group.getRole() == GroupRole.SERVICE ? group.effectiveServices() : none();
    args.add("--store=" + services.isStore());
    if (services.isStore()) {
      args.add("--store-message-db-url=" + STORE_DB_URL);
    }
    if (profile.legacyStoreFlag()) {
      // status-go queries store v3 only (wakuv2/waku.go, StoreQueryID_v300 at c72f4913)
      args.add("--legacy-store=false");
    }
    args.add("--filter=" + services.isFilter());
    args.add("--lightpush=" + services.isLightpush());
    boolean peerExchange =
        group.getRole() == GroupRole.BOOTSTRAP
            || (group.getRole() == GroupRole.SERVICE && services.isPeerExchange());
    args.add("--peer-exchange=" + peerExchange);
    return args;
  }

  /**
   * nwaku gives relay peers ratio x max-connections slots, a third of them outbound, and prunes
   * inbound relay connections beyond the rest (waku/node/peer_manager/peer_manager.nim, new and
   * connectToRelayPeers). A static node may have all its neighbours inbound, so at 50:50 the budget
   * must be at least 3 x degree for the graph to survive.
   */
  static int maxConnections(ChatNetworkSpec spec, NodeGroup group) {
    if (group.getMaxConnections() != null) {
      return group.getMaxConnections();
    }
    Integer degree = spec.getDiscovery().getDegree();
    if (spec.getDiscovery().getMode() != DiscoveryMode.STATIC || degree == null) {
      return MAX_CONNECTIONS;
    }
    return Math.max(MAX_CONNECTIONS, 3 * degree + 3);
  }

  private static ServiceProtocols none() {
    ServiceProtocols none = new ServiceProtocols();
    none.setStore(false);
    none.setFilter(false);
    none.setLightpush(false);
    none.setPeerExchange(false);
    return none;
  }
}
