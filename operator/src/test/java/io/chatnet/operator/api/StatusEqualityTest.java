package io.chatnet.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reconcilers skip a status write when the status they computed equals the one they read: that
 * holds only if the API classes compare by value, nested parts and lists included.
 */
class StatusEqualityTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static ChatNetworkStatus network(int readyInSecondGroup, String readySince) {
    ChatNetworkStatus status = new ChatNetworkStatus();
    status.setPhase(NetworkPhase.Provisioning);
    status.setObservedGeneration(3L);
    status.setReady((2 + readyInSecondGroup) + "/7");
    status.setGroups(
        List.of(group("boot", GroupRole.BOOTSTRAP, 2, 2), group("relay", GroupRole.RELAY, 5, 4)));
    status.getGroups().get(1).setReadyReplicas(readyInSecondGroup);
    status.getBootstrapEnrs().add("enr:-abc");
    status.getConditions().add(condition("Ready", "False", readySince));
    return status;
  }

  private static GroupStatus group(String name, GroupRole role, int replicas, int threshold) {
    GroupStatus group = new GroupStatus();
    group.setName(name);
    group.setKind(GroupKind.NWAKU);
    group.setRole(role);
    group.setReplicas(replicas);
    group.setReadyReplicas(replicas);
    group.setReadyThreshold(threshold);
    group.setState("Starting");
    return group;
  }

  private static Condition condition(String type, String status, String since) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason("GroupsNotReady")
        .withMessage("relay: 1 of 5 pods not ready")
        .withLastTransitionTime(since)
        .build();
  }

  private static ChatExperimentStatus experiment(double p99) {
    TrafficResult oneToOne = new TrafficResult();
    oneToOne.setSent(1000);
    oneToOne.setReceived(998);
    oneToOne.setDeliveryRatio(0.998);
    oneToOne.setLatencyP99Millis(p99);
    Distribution peers = new Distribution();
    peers.setMean(12.5);
    peers.setNodes(7);
    GroupMetrics relay = new GroupMetrics();
    relay.setName("relay");
    relay.setPeers(peers);
    MetricsResults metrics = new MetricsResults();
    metrics.getGroups().add(relay);
    ExperimentResults results = new ExperimentResults();
    results.setOneToOne(oneToOne);
    results.setMetrics(metrics);
    ShardStatus shards = new ShardStatus();
    shards.setTotal(2);
    shards.getFailedShards().add(new FailedShard(1, "exp-loadgen-1-abcde", "Error (exit 1)"));
    ChatExperimentStatus status = new ChatExperimentStatus();
    status.setPhase(ExperimentPhase.Running);
    status.setShards(shards);
    status.setResults(results);
    status.getFaultLog().add("podKill relay-3");
    return status;
  }

  @Test
  void independentlyBuiltEqualStatusesAreEqual() {
    assertThat(network(4, "2026-01-01T00:00:00Z"))
        .isEqualTo(network(4, "2026-01-01T00:00:00Z"))
        .hasSameHashCodeAs(network(4, "2026-01-01T00:00:00Z"));
    assertThat(experiment(41.5)).isEqualTo(experiment(41.5)).hasSameHashCodeAs(experiment(41.5));
  }

  @Test
  void aChangedNestedFieldMakesThemDiffer() {
    assertThat(network(4, "2026-01-01T00:00:00Z")).isNotEqualTo(network(5, "2026-01-01T00:00:00Z"));
    // A condition that moved (a new transition) is a change the status must write.
    assertThat(network(4, "2026-01-01T00:00:00Z")).isNotEqualTo(network(4, "2026-01-01T00:05:00Z"));
    assertThat(experiment(41.5)).isNotEqualTo(experiment(41.6));

    ChatExperimentStatus shardFailedElsewhere = experiment(41.5);
    shardFailedElsewhere.getShards().getFailedShards().get(0).setPod("exp-loadgen-1-fghij");
    assertThat(experiment(41.5)).isNotEqualTo(shardFailedElsewhere);

    ChatExperimentStatus morePeers = experiment(41.5);
    morePeers.getResults().getMetrics().getGroups().get(0).getPeers().setMean(13.0);
    assertThat(experiment(41.5)).isNotEqualTo(morePeers);
  }

  @Test
  void aStatusReadBackFromJsonEqualsTheOneWritten() {
    // What the reconciler compares: the status it computes against the one the API server returns.
    ChatNetworkStatus network = network(4, "2026-01-01T00:00:00Z");
    assertThat(JSON.unmarshal(JSON.asJson(network), ChatNetworkStatus.class)).isEqualTo(network);
    ChatExperimentStatus experiment = experiment(41.5);
    assertThat(JSON.unmarshal(JSON.asJson(experiment), ChatExperimentStatus.class))
        .isEqualTo(experiment);
  }

  @Test
  void theSeedStaysOutOfToString() {
    ChatNetworkSpec spec = new ChatNetworkSpec();
    spec.setSeed("seed-that-keys-derive-from");
    assertThat(spec.toString()).contains("clusterId=16").doesNotContain("seed-that-keys");
  }
}
