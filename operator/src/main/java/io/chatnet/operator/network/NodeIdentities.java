package io.chatnet.operator.network;

import io.chatnet.operator.api.ChatNetworkSpec;
import io.chatnet.operator.api.GroupRole;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.ServiceProtocols;
import io.chatnet.operator.identity.Enr;
import io.chatnet.operator.identity.NodeKey;
import io.chatnet.operator.identity.PeerId;
import io.chatnet.operator.identity.WakuEnr;
import io.chatnet.operator.identity.WakuEnr.Capability;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Public identities of nwaku nodes: peer ids (cached: each costs an elliptic-curve multiplication,
 * and a static topology of 10,000 nodes needs them all) and ENRs from a pod's IP.
 */
public final class NodeIdentities {
  private static final int MAX_CACHED = 200_000;
  private static final Map<String, String> PEER_IDS = new ConcurrentHashMap<>();
  private static final Memo<String, String> ENRS = new Memo<>(10_000);

  private NodeIdentities() {}

  static int peerIdsCached() {
    return PEER_IDS.size();
  }

  static int enrsCached() {
    return ENRS.size();
  }

  public static String peerId(String seed, String group, int ordinal) {
    if (PEER_IDS.size() > MAX_CACHED) {
      PEER_IDS.clear();
    }
    return PEER_IDS.computeIfAbsent(
        seed + "\n" + group + "\n" + ordinal, k -> PeerId.of(NodeKey.derive(seed, group, ordinal)));
  }

  /** A dialable libp2p address through the pod's stable DNS name. */
  public static String multiaddr(String podDns, String peerId) {
    return "/dns4/" + podDns + "/tcp/" + WakuPorts.LIBP2P + "/p2p/" + peerId;
  }

  /** The capability bits a node of this group advertises in its ENR. */
  public static EnumSet<Capability> capabilities(NodeGroup group) {
    EnumSet<Capability> caps = EnumSet.of(Capability.RELAY);
    if (group.getRole() == GroupRole.SERVICE) {
      ServiceProtocols services = group.effectiveServices();
      if (services.isStore()) {
        caps.add(Capability.STORE);
      }
      if (services.isFilter()) {
        caps.add(Capability.FILTER);
      }
      if (services.isLightpush()) {
        caps.add(Capability.LIGHTPUSH);
      }
    }
    return caps;
  }

  /**
   * The ENR node {@code ordinal} of {@code group} has at {@code podIp}: signed with its key, with
   * its TCP and discv5 ports, relay shards and capabilities.
   */
  public static String enr(ChatNetworkSpec spec, NodeGroup group, int ordinal, String podIp) {
    String memoKey =
        String.join(
            "|",
            spec.getSeed(),
            group.getName(),
            String.valueOf(ordinal),
            podIp,
            String.valueOf(spec.getClusterId()),
            spec.getShards().toString(),
            capabilities(group).toString());
    return ENRS.get(memoKey, k -> signEnr(spec, group, ordinal, podIp));
  }

  private static String signEnr(ChatNetworkSpec spec, NodeGroup group, int ordinal, String podIp) {
    NodeKey key = NodeKey.derive(spec.getSeed(), group.getName(), ordinal);
    return Enr.builder(key, 1)
        .ip4(ipv4(podIp))
        .tcp(WakuPorts.LIBP2P)
        .udp(WakuPorts.DISCV5)
        .put("rs", WakuEnr.relayShards(spec.getClusterId(), spec.getShards()))
        .put("waku2", WakuEnr.capabilities(capabilities(group)))
        .toText();
  }

  static byte[] ipv4(String literal) {
    if (!literal.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      throw new IllegalArgumentException("not an IPv4 address: " + literal);
    }
    try {
      InetAddress address = InetAddress.getByName(literal); // a literal: no DNS lookup
      if (!(address instanceof Inet4Address)) {
        throw new IllegalArgumentException("not an IPv4 address: " + literal);
      }
      return address.getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IPv4 address: " + literal, e);
    }
  }
}
