package io.chatnet.operator.network;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkConfigMapTest {
  final ChatNetwork smoke = Scenarios.network("smoke.yaml", "team-a");
  final ObjectMapper json = new ObjectMapper();

  @Test
  void bootstrapEnrsAreComputedFromPodIpsOnceTheyAreKnown() {
    ConfigMap none = NetworkConfigMap.build(smoke, Map.of(), "cluster.local");
    assertThat(none.getData().get(NodeStartScript.BOOTSTRAP_FILE)).isEmpty();

    ConfigMap withIp =
        NetworkConfigMap.build(smoke, Map.of("smoke-boot-0", "10.128.0.7"), "cluster.local");
    String line = withIp.getData().get(NodeStartScript.BOOTSTRAP_FILE).strip();
    assertThat(line).startsWith("smoke-boot-0 enr:");
    String enr = line.substring(line.indexOf(' ') + 1);
    assertThat(enr)
        .isEqualTo(
            NodeIdentities.enr(
                smoke.getSpec(), smoke.getSpec().getGroups().get(0), 0, "10.128.0.7"));
  }

  @Test
  void fleetFileListsBootstrapRecordsAndServiceNodes() throws Exception {
    ConfigMap cm =
        NetworkConfigMap.build(
            smoke,
            Map.of("smoke-boot-0", "10.128.0.7", "smoke-store-0", "10.128.0.9"),
            "cluster.local");
    JsonNode fleet = json.readTree(cm.getData().get(NetworkConfigMap.FLEETS_FILE)).get("chatnet");
    assertThat(fleet.get("clusterId").asInt()).isEqualTo(16);
    assertThat(fleet.get("discV5BootstrapNodes")).hasSize(1);
    String peerId = NodeIdentities.peerId("smoke-1", "store", 0);
    String addr =
        "/dns4/smoke-store-0.smoke-store.team-a.svc.cluster.local/tcp/60000/p2p/" + peerId;
    assertThat(fleet.get("wakuNodes").get(0).asText()).isEqualTo(addr);
    JsonNode store = fleet.get("storeNodes").get(0);
    assertThat(store.get("id").asText()).isEqualTo("smoke-store-0");
    assertThat(store.get("addr").asText()).isEqualTo(addr);
    assertThat(store.get("enr").asText()).startsWith("enr:");
    assertThat(store.get("fleet").asText()).isEqualTo("chatnet");
    // a fixed order: with Map.of it changed between JVM runs, and every restarted operator
    // re-applied the ConfigMap (fault campaign finding, bench/reliability.md)
    assertThat(store.fieldNames()).toIterable().containsExactly("id", "enr", "addr", "fleet");
  }

  @Test
  void clientFileCarriesTheIsolatingFeatureFlags() throws Exception {
    ConfigMap cm = NetworkConfigMap.build(smoke, Map.of(), "cluster.local");
    JsonNode client = json.readTree(cm.getData().get(NetworkConfigMap.CLIENT_FILE));
    assertThat(client.get("fleet").asText()).isEqualTo("chatnet");
    assertThat(client.get("fleetsFile").asText()).isEqualTo("/etc/chatnet/network/fleets.json");
    JsonNode features = client.get("features");
    // no switch for what status-go decides itself (Communities, store confirmation)
    assertThat(features.has("communities")).isFalse();
    assertThat(features.has("storeConfirmation")).isFalse();
    assertThat(features.get("backup").asBoolean()).isFalse();
    assertThat(features.get("pairing").asBoolean()).isFalse();
    assertThat(features.get("historyArchives").asBoolean()).isFalse();
    assertThat(features.get("statusUpdates").asBoolean()).isFalse();
    assertThat(features.get("missingMessageVerification").asBoolean()).isTrue();
  }

  @Test
  void staticPeersListEveryPodWithItsAddressAndEveryEdgeOnce() {
    ChatNetwork relayOnly = Scenarios.network("relay-only.yaml", "ns");
    String peers =
        NetworkConfigMap.build(relayOnly, Map.of(), "cluster.local")
            .getData()
            .get(NodeStartScript.STATIC_PEERS_FILE);
    assertThat(peers.lines()).hasSize(500);
    long edges = peers.lines().mapToLong(l -> l.split(" ").length - 2).sum();
    assertThat(edges).isEqualTo(500L * 6 / 2);
    assertThat(peers.lines().findFirst().orElseThrow())
        .isEqualTo(
            "relay-only-relay-0 /dns4/relay-only-relay-0.relay-only-relay.ns.svc.cluster.local"
                + "/tcp/60000/p2p/"
                + NodeIdentities.peerId(relayOnly.getSpec().getSeed(), "relay", 0));
    assertThat(peers.lines().skip(1).findFirst().orElseThrow())
        .matches("relay-only-relay-1( /dns4/\\S+/tcp/60000/p2p/16Uiu2HA\\S+)+");
  }

  @Test
  void theSameSpecGivesTheSameConfigMap() {
    Map<String, String> ips = Map.of("smoke-boot-0", "10.128.0.7");
    assertThat(NetworkConfigMap.build(smoke, ips, "cluster.local"))
        .isEqualTo(
            NetworkConfigMap.build(
                Scenarios.network("smoke.yaml", "team-a"), ips, "cluster.local"));
  }
}
