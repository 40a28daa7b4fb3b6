package io.chatnet.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The network reconciler's per-network memos: N networks fill each, deleting them (pruning to the
 * live set) empties each, and a live network keeps its entries.
 */
class NetworkMemosTest {
  static final int N = 7;
  final WriteRefusalsTest.TestClock clock = new WriteRefusalsTest.TestClock();
  final StatusWriteLimiter limiter = new StatusWriteLimiter(Duration.ofSeconds(5), clock);
  final WriteRefusals refusals = new WriteRefusals(clock);
  // nothing listens there: every diagnosis is the DiagnosisFailed one, cached like any other
  final KubernetesClient unreachable =
      new KubernetesClientBuilder()
          .withConfig(
              new ConfigBuilder()
                  .withMasterUrl("https://127.0.0.1:1")
                  .withRequestRetryBackoffLimit(0)
                  .withConnectionTimeout(1000)
                  .withRequestTimeout(1000)
                  .build())
          .build();
  final GroupDiagnoser diagnoser = new GroupDiagnoser(unreachable, clock);
  final NetworkMemos memos = new NetworkMemos(limiter, diagnoser, refusals);

  @AfterEach
  void close() {
    unreachable.close();
  }

  static ChatNetwork network(int i) {
    ChatNetwork network = Serialization.clone(RefusalClassifierTest.NETWORK);
    network.getMetadata().setName("net" + i);
    network.getMetadata().setUid("uid-" + i);
    network.getMetadata().setGeneration(1L);
    return network;
  }

  /** What one reconcile of a network leaves in each memo. */
  void reconcileOnce(ChatNetwork network) {
    ResourceID id = ResourceID.fromResource(network);
    memos.podMonitorApplied(id, "hash");
    limiter.wrote(id);
    WriteRefusals.Round round = refusals.round(network, ChildSpecFields.of(network));
    round.refused(
        RefusalClassifierTest.sts(network.getMetadata().getName() + "-relay"),
        "h",
        RefusalClassifierTest.error(422, "Invalid", "no"));
    round.finish();
    for (NodeGroup group : network.getSpec().getGroups()) {
      diagnoser.diagnose(network, group);
    }
  }

  @Test
  void createNDeleteNLeavesEveryMemoEmpty() {
    List<ChatNetwork> live = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      live.add(network(i));
      reconcileOnce(live.get(i));
      memos.retain(live);
    }
    int groups = RefusalClassifierTest.NETWORK.getSpec().getGroups().size();
    assertThat(memos.sizes())
        .containsEntry("network-podmonitors", N)
        .containsEntry("network-status-writes", N)
        .containsEntry("network-write-refusals", N)
        .containsEntry("network-diagnoses", N * groups);

    memos.retain(List.of());

    assertThat(memos.sizes())
        .containsOnly(
            Map.entry("network-podmonitors", 0),
            Map.entry("network-status-writes", 0),
            Map.entry("network-write-refusals", 0),
            Map.entry("network-diagnoses", 0),
            Map.entry("network-rln-registration-looks", 0));
  }

  @Test
  void aLiveNetworkKeepsItsEntriesWhileADeletedOnesGo() {
    ChatNetwork kept = network(1);
    ChatNetwork deleted = network(2);
    reconcileOnce(kept);
    reconcileOnce(deleted);

    memos.retain(List.of(kept));

    int groups = kept.getSpec().getGroups().size();
    assertThat(memos.sizes())
        .containsEntry("network-podmonitors", 1)
        .containsEntry("network-status-writes", 1)
        .containsEntry("network-write-refusals", 1)
        .containsEntry("network-diagnoses", groups);
    assertThat(memos.appliedPodMonitor(ResourceID.fromResource(kept))).contains("hash");
    assertThat(memos.appliedPodMonitor(ResourceID.fromResource(deleted))).isEmpty();
  }

  @Test
  void aRecreatedNetworkOfTheSameNameDoesNotKeepItsPredecessorsRefusals() {
    ChatNetwork first = network(1);
    reconcileOnce(first);
    ChatNetwork again = network(1);
    again.getMetadata().setUid("uid-recreated");

    memos.retain(List.of(again));

    assertThat(refusals.size()).isZero();
  }
}
