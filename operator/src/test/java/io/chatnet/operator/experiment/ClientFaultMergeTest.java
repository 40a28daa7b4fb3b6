package io.chatnet.operator.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.contract.ClientFaults;
import io.chatnet.contract.Summary;
import io.chatnet.operator.api.ClientFaultResults;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Client faults merged over shards, and the line status and events carry. */
class ClientFaultMergeTest {
  static Summary with(int shard, ClientFaults faults) {
    return SummaryMergeTest.shard(shard, null, 10).withClientFaults(faults);
  }

  @Test
  void dropsAddLongestOutageIsTheLongestAndUnresponsiveClientsAreNamed() {
    ClientFaultResults r =
        ClientFaultMerge.merge(
            List.of(
                with(
                    0,
                    new ClientFaults(
                        Map.of("desktop", new ClientFaults.SignalDrops(3, 2, 900)),
                        1,
                        2,
                        List.of("c1"))),
                with(
                    1,
                    new ClientFaults(
                        Map.of(
                            "desktop", new ClientFaults.SignalDrops(1, 1, 4000),
                            "mobile", new ClientFaults.SignalDrops(2, 1, 100)),
                        12,
                        12,
                        List.of("c10", "c11"))),
                SummaryMergeTest.shard(2, null, 10)));
    assertThat(r.getSignalDrops()).hasSize(2);
    assertThat(r.getSignalDrops().get(0).getClientKind()).isEqualTo("desktop");
    assertThat(r.getSignalDrops().get(0).getDrops()).isEqualTo(4);
    assertThat(r.getSignalDrops().get(0).getClients()).isEqualTo(3);
    assertThat(r.getSignalDrops().get(0).getLongestOutageMillis()).isEqualTo(4000);
    assertThat(r.getUnresponsiveClients()).isEqualTo(13);
    assertThat(r.getCallTimeouts()).isEqualTo(14);
    assertThat(r.getUnresponsive()).containsExactly("c1", "c10", "c11");
    assertThat(r.getShardsWithoutFigures()).isEqualTo(1);
    assertThat(ClientFaultMerge.line(r))
        .startsWith("13 clients stopped answering (14 calls timed out): c1, c10, c11 and 10 more;")
        .contains("6 signals websocket drops (desktop: 3 clients, longest outage 4000 ms;");
  }

  @Test
  void summariesWrittenBeforeClientFaultsSayNothingRatherThanZero() {
    assertThat(ClientFaultMerge.merge(List.of(SummaryMergeTest.shard(0, null, 10)))).isNull();
    assertThat(ClientFaultMerge.line(null)).isNull();
  }
}
