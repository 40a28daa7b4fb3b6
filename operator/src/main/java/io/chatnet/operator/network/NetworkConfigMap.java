package io.chatnet.operator.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatNetworkSpec;
import io.chatnet.operator.api.DiscoveryMode;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.GroupRole;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.naming.Names;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network's ConfigMap, mounted in every pod at {@link NodeStartScript#NETWORK_DIR}:
 *
 * <ul>
 *   <li>{@code bootstrap-enrs}: "pod enr" lines, read by nwaku start scripts (discv5 mode);
 *   <li>{@code static-peers}: "pod own-multiaddr lower-neighbour-multiaddr..." lines, each edge
 *       once (static mode);
 *   <li>{@code fleets.json}: status-go's custom fleet file (wakuFleetsConfigFilePath);
 *   <li>{@code client.json}: what the load generator needs to drive the clients: fleet name, ports,
 *       and the feature flags that isolate private chats.
 * </ul>
 */
public final class NetworkConfigMap {
  public static final String FLEET = "chatnet";
  public static final String FLEETS_FILE = "fleets.json";
  public static final String CLIENT_FILE = "client.json";

  /** A ConfigMap must stay under 1 MiB; leave room for metadata. */
  public static final int MAX_DATA_BYTES = 1_000_000;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private NetworkConfigMap() {}

  /**
   * @param podIps IPs of the bootstrap and service pods that have one (pod name to IP); the ENRs
   *     that go into the fleet and bootstrap lists are computed from them.
   */
  public static ConfigMap build(
      ChatNetwork network, Map<String, String> podIps, String clusterDomain) {
    ChatNetworkSpec spec = network.getSpec();
    String name = network.getMetadata().getName();
    List<String> bootstrapLines = new ArrayList<>();
    List<String> bootstrapEnrs = new ArrayList<>();
    List<String> wakuNodes = new ArrayList<>();
    List<Map<String, String>> storeNodes = new ArrayList<>();
    for (NodeGroup group : spec.getGroups()) {
      if (group.getRole() != GroupRole.BOOTSTRAP && group.getRole() != GroupRole.SERVICE) {
        continue;
      }
      for (int ordinal = 0; ordinal < group.getReplicas(); ordinal++) {
        String pod = Names.pod(name, group.getName(), ordinal);
        String ip = podIps.get(pod);
        if (ip == null) {
          continue;
        }
        String enr = NodeIdentities.enr(spec, group, ordinal, ip);
        if (group.getRole() == GroupRole.BOOTSTRAP) {
          bootstrapLines.add(pod + " " + enr);
          bootstrapEnrs.add(enr);
        } else {
          String addr =
              NodeIdentities.multiaddr(
                  Names.podDns(network, group, ordinal, clusterDomain),
                  NodeIdentities.peerId(spec.getSeed(), group.getName(), ordinal));
          wakuNodes.add(addr);
          if (group.effectiveServices().isStore()) {
            // ordered: Map.of's order changes with each JVM run, and so would this ConfigMap,
            // re-applied by every restarted operator (fault campaign, bench/reliability.md)
            Map<String, String> node = new LinkedHashMap<>();
            node.put("id", pod);
            node.put("enr", enr);
            node.put("addr", addr);
            node.put("fleet", FLEET);
            storeNodes.add(node);
          }
        }
      }
    }
    Map<String, String> data = new LinkedHashMap<>();
    data.put(NodeStartScript.BOOTSTRAP_FILE, lines(bootstrapLines));
    if (spec.getDiscovery().getMode() == DiscoveryMode.STATIC) {
      data.put(NodeStartScript.STATIC_PEERS_FILE, staticPeers(network, clusterDomain));
    }
    data.put(FLEETS_FILE, fleets(spec, wakuNodes, bootstrapEnrs, storeNodes));
    data.put(CLIENT_FILE, client(network));
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(Names.networkConfig(network))
        .withNamespace(network.getMetadata().getNamespace())
        .withLabels(Labels.network(network))
        .endMetadata()
        .withData(data)
        .build();
  }

  /** Bytes of data in a ConfigMap, to check against {@link #MAX_DATA_BYTES}. */
  public static long dataBytes(ConfigMap configMap) {
    return configMap.getData().entrySet().stream()
        .mapToLong(e -> e.getKey().length() + (long) e.getValue().length())
        .sum();
  }

  private static String staticPeers(ChatNetwork network, String clusterDomain) {
    ChatNetworkSpec spec = network.getSpec();
    List<String> pods = new ArrayList<>();
    List<String> addrs = new ArrayList<>();
    for (NodeGroup group : spec.getGroups()) {
      if (group.getKind() != GroupKind.NWAKU) {
        continue;
      }
      for (int ordinal = 0; ordinal < group.getReplicas(); ordinal++) {
        pods.add(Names.pod(network.getMetadata().getName(), group.getName(), ordinal));
        addrs.add(
            NodeIdentities.multiaddr(
                Names.podDns(network, group, ordinal, clusterDomain),
                NodeIdentities.peerId(spec.getSeed(), group.getName(), ordinal)));
      }
    }
    List<List<Integer>> graph =
        StaticTopology.lowerNeighbours(
            spec.getSeed(), pods.size(), spec.getDiscovery().getDegree());
    // "pod own-address lower-neighbours...": every edge once, and each pod can find both its
    // lower neighbours (its own line) and its higher ones (lines naming its address), so that
    // both ends dial (see NodeStartScript).
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pods.size(); i++) {
      out.append(pods.get(i)).append(' ').append(addrs.get(i));
      graph.get(i).forEach(j -> out.append(' ').append(addrs.get(j)));
      out.append('\n');
    }
    return out.toString();
  }

  private static String fleets(
      ChatNetworkSpec spec,
      List<String> wakuNodes,
      List<String> bootstrapEnrs,
      List<Map<String, String>> storeNodes) {
    Map<String, Object> fleet = new LinkedHashMap<>();
    fleet.put("clusterId", spec.getClusterId());
    fleet.put("wakuNodes", wakuNodes);
    fleet.put("discV5BootstrapNodes", bootstrapEnrs);
    fleet.put("storeNodes", storeNodes);
    return json(Map.of(FLEET, fleet));
  }

  private static String client(ChatNetwork network) {
    Map<String, Object> client = new LinkedHashMap<>();
    client.put("network", network.getMetadata().getName());
    client.put("fleet", FLEET);
    client.put("fleetsFile", NodeStartScript.NETWORK_DIR + "/" + FLEETS_FILE);
    client.put("apiPort", WakuPorts.CLIENT_API);
    client.put("metricsPort", WakuPorts.CLIENT_METRICS);
    client.put("clusterId", network.getSpec().getClusterId());
    client.put("shards", network.getSpec().getShards());
    client.put("features", network.getSpec().getFeatures());
    return json(client);
  }

  private static String lines(List<String> lines) {
    return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
