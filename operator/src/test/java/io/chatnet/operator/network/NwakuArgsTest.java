package io.chatnet.operator.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.NodeVersion;
import io.chatnet.operator.api.ServiceProtocols;
import java.util.List;
import org.junit.jupiter.api.Test;

class NwakuArgsTest {
  final ChatNetwork smoke = Scenarios.network("smoke.yaml", "ns");

  NodeGroup group(String name) {
    return smoke.getSpec().getGroups().stream()
        .filter(g -> g.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everyNodeRelaysOnTheNetworksClusterAndShardsWithRestAndMetricsOpen() {
    List<String> args = NwakuArgs.of(smoke.getSpec(), group("relay"));
    assertThat(args)
        .contains(
            "--relay=true",
            "--cluster-id=16",
            "--shard=32",
            "--shard=64",
            "--tcp-port=60000",
            "--rest=true",
            "--rest-address=0.0.0.0",
            "--rest-port=8645",
            "--metrics-server=true",
            "--metrics-server-address=0.0.0.0",
            "--metrics-server-port=8008",
            "--discv5-discovery=true",
            "--discv5-udp-port=9000",
            "--store=false",
            "--filter=false",
            "--lightpush=false",
            "--peer-exchange=false")
        .doesNotContain("--store=true", "--filter=true", "--lightpush=true");
  }

  @Test
  void staticShardsAreValidOnEveryVersion() {
    for (NodeVersion version : NodeVersion.of(GroupKind.NWAKU)) {
      NodeGroup relay = group("relay");
      relay.setVersion(version);
      assertThat(NwakuArgs.of(smoke.getSpec(), relay))
          .as(version.id())
          .contains("--num-shards-in-network=0", "--shard=32", "--shard=64");
    }
  }

  @Test
  void defaultsThatChangedBetweenVersionsAreWrittenOut() {
    for (NodeVersion version : NodeVersion.of(GroupKind.NWAKU)) {
      NodeGroup relay = group("relay");
      relay.setVersion(version);
      List<String> args = NwakuArgs.of(smoke.getSpec(), relay);
      assertThat(args)
          .as(version.id())
          .contains(
              "--rest=true",
              "--peer-exchange=false",
              "--keep-alive=true",
              "--rendezvous=false",
              "--reliability=false",
              "--max-connections=150",
              "--relay-service-ratio=50:50")
          .noneMatch(a -> a.startsWith("--mode"));
      assertThat(args.contains("--legacy-store=false"))
          .as(version.id())
          .isEqualTo(version != NodeVersion.LOGOS_DELIVERY_V0_38_1);
    }
  }

  @Test
  void aStaticGraphGetsEnoughRelaySlotsForAllItsNeighboursInbound() {
    ChatNetwork relayOnly = Scenarios.network("relay-only.yaml", "ns");
    relayOnly.getSpec().getDiscovery().setDegree(64);
    assertThat(NwakuArgs.of(relayOnly.getSpec(), relayOnly.getSpec().getGroups().get(0)))
        .contains("--max-connections=195");
    // 195 at 50:50: 98 relay slots, 32 outbound, 66 inbound >= 64 (peer_manager.nim new)
    int relay = (195 + 1) / 2;
    assertThat(relay - relay / 3).isGreaterThanOrEqualTo(64);
    NodeGroup budgeted = relayOnly.getSpec().getGroups().get(0);
    budgeted.setMaxConnections(50);
    assertThat(NwakuArgs.of(relayOnly.getSpec(), budgeted)).contains("--max-connections=50");
  }

  @Test
  void bootstrapNodesServePeerExchange() {
    assertThat(NwakuArgs.of(smoke.getSpec(), group("boot"))).contains("--peer-exchange=true");
  }

  @Test
  void serviceNodesServeWhatTheirGroupEnables() {
    assertThat(NwakuArgs.of(smoke.getSpec(), group("store")))
        .contains(
            "--store=true",
            "--store-message-db-url=sqlite:///data/store.sqlite3",
            "--filter=true",
            "--lightpush=true",
            "--peer-exchange=true");
    NodeGroup partial = group("store");
    ServiceProtocols services = new ServiceProtocols();
    services.setStore(false);
    services.setPeerExchange(false);
    partial.setServices(services);
    assertThat(NwakuArgs.of(smoke.getSpec(), partial))
        .contains("--store=false", "--filter=true", "--lightpush=true", "--peer-exchange=false")
        .noneMatch(a -> a.startsWith("--store-message-db-url"));
  }

  @Test
  void staticDiscoveryTurnsDiscv5Off() {
    ChatNetwork relayOnly = Scenarios.network("relay-only.yaml", "ns");
    assertThat(NwakuArgs.of(relayOnly.getSpec(), relayOnly.getSpec().getGroups().get(0)))
        .contains("--discv5-discovery=false")
        .noneMatch(a -> a.startsWith("--discv5-udp-port"));
  }

  @Test
  void extraArgsComeLastSoTheyWin() {
    NodeGroup relay = group("relay");
    relay.setExtraArgs(List.of("--max-msg-size=300KiB", "--log-level=DEBUG"));
    List<String> args = NwakuArgs.of(smoke.getSpec(), relay);
    assertThat(args.subList(args.size() - 2, args.size()))
        .containsExactly("--max-msg-size=300KiB", "--log-level=DEBUG");
  }
}
