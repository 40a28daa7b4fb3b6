package io.chatnet.operator.network;

import io.chatnet.operator.api.ChatNetworkSpec;
import io.chatnet.operator.api.DiscoveryMode;
import io.chatnet.operator.api.GroupRole;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.ServiceProtocols;
import java.util.ArrayList;
import java.util.List;

/**
 * The nwaku command line of a group, per role (flags as in REFERENCE.md, nwaku
 * external_config.nim). Per-pod values (node key, external IP, bootstrap ENRs, static peers) are
 * added by {@link NodeStartScript} when the pod starts.
 */
public final class NwakuArgs {
  /** Where service nodes keep their store database (an emptyDir). */
  static final String STORE_DB_URL = "sqlite:///data/store.sqlite3";

  private NwakuArgs() {}

  public static List<String> of(ChatNetworkSpec spec, NodeGroup group) {
    List<String> args = new ArrayList<>();
    args.add("--relay=true");
    args.add("--cluster-id=" + spec.getClusterId());
    spec.getShards().forEach(shard -> args.add("--shard=" + shard));
    args.add("--tcp-port=" + WakuPorts.LIBP2P);
    args.add("--rest=true");
    args.add("--rest-address=0.0.0.0");
    args.add("--rest-port=" + WakuPorts.REST);
    args.add("--rest-admin=true");
    args.add("--metrics-server=true");
    args.add("--metrics-server-address=0.0.0.0");
    args.add("--metrics-server-port=" + WakuPorts.METRICS);
    if (spec.getDiscovery().getMode() == DiscoveryMode.DISCV5) {
      args.add("--discv5-discovery=true");
      args.add("--discv5-udp-port=" + WakuPorts.DISCV5);
    } else {
      args.add("--discv5-discovery=false");
    }
    if (group.getRole() == GroupRole.BOOTSTRAP) {
      args.add("--peer-exchange=true");
    }
    if (group.getRole() == GroupRole.SERVICE) {
      ServiceProtocols services = group.effectiveServices();
      if (services.isStore()) {
        args.add("--store=true");
        args.add("--store-message-db-url=" + STORE_DB_URL);
      }
      args.add("--filter=" + services.isFilter());
      args.add("--lightpush=" + services.isLightpush());
      args.add("--peer-exchange=" + services.isPeerExchange());
    }
    args.addAll(group.getExtraArgs());
    return args;
  }
}
