package io.chatnet.operator.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.naming.Names;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The start script, run with /bin/sh as in a pod (see {@link StartScriptRun}). */
class NodeStartScriptTest {
  static ChatNetwork staticNetwork() {
    ChatNetwork network =
        Serialization.unmarshal(
            """
            apiVersion: chatnet.io/v1alpha1
            kind: ChatNetwork
            metadata: {name: ring, namespace: ns}
            spec:
              seed: start-script
              discovery: {mode: static, degree: 3}
              groups:
              - {name: relay, kind: nwaku, role: relay, replicas: 8}
              - {name: store, kind: nwaku, role: service, replicas: 2}
            """,
            ChatNetwork.class);
    network.getMetadata().setUid("00000000-0000-0000-0000-000000000002");
    return network;
  }

  /** The key is in the node's environment, never in its command line (ps shows that to all). */
  @Test
  void eachPodGetsItsOwnKeyInTheEnvironmentAndNotOnTheCommandLine() {
    ChatNetwork network = staticNetwork();
    ConfigMap config = NetworkConfigMap.build(network, Map.of(), "cluster.local");
    NodeGroup relay = network.getSpec().getGroups().get(1);
    for (int i : new int[] {0, 5}) {
      StartScriptRun.Run run = StartScriptRun.run(network, relay, i, config, 0);
      String key =
          io.chatnet.operator.identity.NodeKey.derive(
                  network.getSpec().getSeed(), relay.getName(), i)
              .privateKeyHex();
      assertThat(run.nodeKeyEnv()).isEqualTo(key);
      assertThat(run.argv()).noneMatch(a -> a.contains(key) || a.contains("nodekey"));
    }
  }

  @Test
  void everyPodDialsAllItsNeighboursSoEachEdgeIsDialledFromBothEnds() {
    ChatNetwork network = staticNetwork();
    ConfigMap config = NetworkConfigMap.build(network, Map.of(), "cluster.local");
    List<String> addrs = new ArrayList<>();
    List<List<String>> dialled = new ArrayList<>();
    for (NodeGroup group : network.getSpec().getGroups()) {
      for (int i = 0; i < group.getReplicas(); i++) {
        addrs.add(
            NodeIdentities.multiaddr(
                Names.podDns(network, group, i, "cluster.local"),
                NodeIdentities.peerId("start-script", group.getName(), i)));
        dialled.add(
            StartScriptRun.argv(network, group, i, config, 0).stream()
                .filter(a -> a.startsWith("--staticnode="))
                .map(a -> a.substring("--staticnode=".length()))
                .toList());
      }
    }
    List<List<Integer>> lower = StaticTopology.lowerNeighbours("start-script", 10, 3);
    for (int i = 0; i < 10; i++) {
      Set<String> expected = new HashSet<>();
      for (int j : lower.get(i)) {
        expected.add(addrs.get(j));
      }
      for (int k = 0; k < 10; k++) {
        if (lower.get(k).contains(i)) {
          expected.add(addrs.get(k));
        }
      }
      assertThat(expected).as("node %d", i).hasSize(3);
      assertThat(dialled.get(i)).as("node %d", i).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void nwakuResolvesNamesWithThePodsNameServersNotCloudflare() {
    ChatNetwork network = staticNetwork();
    List<String> argv =
        StartScriptRun.argv(
            network,
            network.getSpec().getGroups().get(0),
            1,
            NetworkConfigMap.build(network, Map.of(), "cluster.local"),
            0);
    assertThat(argv.stream().filter(a -> a.startsWith("--dns-addrs-name-server")))
        .containsExactly("--dns-addrs-name-server=10.96.0.10");
    assertThat(argv).noneMatch(a -> a.startsWith("--discv5-bootstrap-node"));
  }

  @Test
  void waitingForPeersNamesIsBounded() {
    // the peers' cluster names do not resolve here: the script gives up after the budget
    ChatNetwork network = staticNetwork();
    long start = System.nanoTime();
    List<String> argv =
        StartScriptRun.argv(
            network,
            network.getSpec().getGroups().get(0),
            2,
            NetworkConfigMap.build(network, Map.of(), "cluster.local"),
            2);
    long seconds = (System.nanoTime() - start) / 1_000_000_000L;
    assertThat(argv.stream().filter(a -> a.startsWith("--staticnode="))).hasSize(3);
    assertThat(seconds).isBetween(2L, 40L);
  }
}
