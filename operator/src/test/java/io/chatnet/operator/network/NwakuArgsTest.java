package io.chatnet.operator.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
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
            "--discv5-udp-port=9000")
        .doesNotContain("--store=true", "--filter=true", "--lightpush=true");
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
        .contains("--filter=true", "--lightpush=true", "--peer-exchange=false")
        .noneMatch(a -> a.startsWith("--store"));
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
    relay.setExtraArgs(List.of("--max-connections=80", "--log-level=DEBUG"));
    List<String> args = NwakuArgs.of(smoke.getSpec(), relay);
    assertThat(args.subList(args.size() - 2, args.size()))
        .containsExactly("--max-connections=80", "--log-level=DEBUG");
  }
}
