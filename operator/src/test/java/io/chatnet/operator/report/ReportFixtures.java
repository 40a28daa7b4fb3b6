package io.chatnet.operator.report;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.BehaviourResult;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.Distribution;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.GroupMetrics;
import io.chatnet.operator.api.MetricsResults;
import io.chatnet.operator.api.RelayTopicBytes;
import io.chatnet.operator.api.ShardStatus;
import io.chatnet.operator.api.TrafficMetrics;
import io.chatnet.operator.api.TrafficResult;
import io.chatnet.operator.api.Verdict;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;

/**
 * A finished experiment on the smoke network with every figure the report shows, each a distinct
 * number so a test can find it in the page.
 */
final class ReportFixtures {
  static final String NAMESPACE = "lab";

  private ReportFixtures() {}

  static ChatExperiment experiment(String name, double messagesPerMinute) {
    String yaml =
        """
        apiVersion: chatnet.io/v1alpha1
        kind: ChatExperiment
        metadata: {name: %s, namespace: %s, uid: 00000000-0000-0000-0000-0000000000e1}
        spec:
          networkRef: {name: smoke}
          setupSeconds: 5
          warmupSeconds: 30
          durationSeconds: 600
          traffic:
            oneToOne: {pairs: 2, messagesPerMinute: %s}
            privateGroups: {groups: 1, membersPerGroup: 3, messagesPerMinute: %s}
            relay: {messagesPerSecond: 1.5, payloadBytes: 1024}
          faults:
          - {type: podKill, group: relay, fraction: 0.25, atSeconds: 60}
          loadGenerator: {replicas: 2}
          criteria: {minDeliveryRatio: 0.9, maxLatencyP95Millis: 500}
        """
            .formatted(name, NAMESPACE, messagesPerMinute, messagesPerMinute);
    ChatExperiment experiment = Serialization.unmarshal(yaml, ChatExperiment.class);
    experiment.setStatus(status());
    return experiment;
  }

  static ChatNetwork network(int desktopClients, int mobileClients) {
    ChatNetwork network = Scenarios.network("smoke.yaml", NAMESPACE);
    network.getSpec().getGroups().get(3).setReplicas(desktopClients);
    network.getSpec().getGroups().get(4).setReplicas(mobileClients);
    return network;
  }

  static ChatExperimentStatus status() {
    ChatExperimentStatus status = new ChatExperimentStatus();
    status.setPhase(ExperimentPhase.Succeeded);
    status.setPlannedStart("2026-11-26T08:00:00Z");
    status.setWindowEnd("2026-11-26T08:10:30Z");
    status.setCompletionTime("2026-11-26T08:11:02Z");
    ShardStatus shards = new ShardStatus();
    shards.setTotal(2);
    shards.setSucceeded(2);
    shards.setReported(2);
    shards.setMaxStartSkewMillis(16L);
    status.setShards(shards);
    ExperimentResults results = new ExperimentResults();
    results.setOneToOne(traffic(2400, 2360, 41.0, 123.0, 250.0, 400.0));
    results.setPrivateGroups(traffic(1800, 3544, 77.0, 345.0, 610.0, 1900.0));
    TrafficResult relay = new TrafficResult();
    relay.setSent(900);
    relay.setFailed(3);
    results.setRelay(relay);
    results.setClientsReady("6/6");
    BehaviourResult offline = new BehaviourResult();
    offline.setApplied(12);
    offline.setFailed(1);
    results.setOffline(offline);
    results.setMetrics(metrics());
    status.setResults(results);
    Verdict verdict = new Verdict();
    verdict.setResult("Passed");
    verdict.setReasons(List.of("oneToOne delivery ratio 0.9833 >= 0.9: ok"));
    status.setVerdict(verdict);
    status.setFaultLog(List.of("0: podKill deleted 2 pods of relay"));
    status
        .getConditions()
        .add(
            new ConditionBuilder()
                .withType("Complete")
                .withStatus("True")
                .withReason("Analyzed")
                .withMessage("verdict Passed")
                .withLastTransitionTime("2026-11-26T08:11:02Z")
                .build());
    return status;
  }

  private static TrafficResult traffic(
      long sent, long received, double p50, double p95, double p99, double max) {
    TrafficResult r = new TrafficResult();
    r.setSent(sent);
    r.setExpected(sent * (received > sent ? 2 : 1));
    r.setReceived(received);
    r.setLost(r.getExpected() - received);
    r.setDeliveryRatio((double) received / r.getExpected());
    r.setLatencyP50Millis(p50);
    r.setLatencyP95Millis(p95);
    r.setLatencyP99Millis(p99);
    r.setLatencyMaxMillis(max);
    return r;
  }

  static RelayTopicBytes relayTopic(String topic, long in, long out, boolean communities) {
    RelayTopicBytes t = new RelayTopicBytes();
    t.setTopic(topic);
    t.setBytesIn(in);
    t.setBytesOut(out);
    t.setCommunitiesShard(communities);
    return t;
  }

  static MetricsResults metrics() {
    MetricsResults m = new MetricsResults();
    m.setWindowStart("2026-11-26T08:00:30Z");
    m.setWindowEnd("2026-11-26T08:10:30Z");
    m.setBandwidthInBytesPerSecond(distribution(10240, 15000, 17408, 10));
    m.setBandwidthOutBytesPerSecond(distribution(11264, 16000, 18432, 10));
    m.setPeers(distribution(7.5, 9, 9, 10));
    m.setWakuMessages(41234L);
    m.setRelayTopics(
        List.of(
            relayTopic("/waku/2/rs/16/32", 52_428_800L, 20_971_520L, false),
            relayTopic("/waku/2/rs/16/64", 12_288L, 0L, true)));
    m.setGroups(
        List.of(
            group("boot", "bootstrap", 0.021, 52_428_800, 9216, 8192, 1),
            group("relay", "relay", 0.037, 73_400_320, 10240, 11264, 8),
            group("store", "service", 0.052, 104_857_600, 12288, 14336, 1),
            group("desktop", "desktop", 0.11, 157_286_400, 2048, 1024, 4),
            group("mobile", "mobile", 0.06, 125_829_120, 1024, 512, 2)));
    m.setTraffic(
        List.of(
            trafficMetrics("oneToOne", "desktop", 1600, 1580, 40, 118, 240),
            trafficMetrics("oneToOne", "mobile", 800, 780, 48, 131, 260),
            trafficMetrics("privateGroups", "desktop", 2400, 2370, 75, 340, 600)));
    return m;
  }

  static Distribution distribution(double mean, double p95, double max, int nodes) {
    Distribution d = new Distribution();
    d.setMean(mean);
    d.setP95(p95);
    d.setMax(max);
    d.setNodes(nodes);
    return d;
  }

  static GroupMetrics group(
      String name, String role, double cpu, double memory, double in, double out, int nodes) {
    GroupMetrics g = new GroupMetrics();
    g.setName(name);
    g.setRole(role);
    g.setCpuCores(distribution(cpu, cpu * 1.2, cpu * 1.5, nodes));
    g.setMemoryBytes(distribution(memory, memory * 1.1, memory * 1.25, nodes));
    g.setBandwidthInBytesPerSecond(distribution(in, in * 1.2, in * 1.4, nodes));
    g.setBandwidthOutBytesPerSecond(distribution(out, out * 1.2, out * 1.4, nodes));
    return g;
  }

  static TrafficMetrics trafficMetrics(
      String kind,
      String client,
      long expected,
      long received,
      double p50,
      double p95,
      double p99) {
    TrafficMetrics t = new TrafficMetrics();
    t.setKind(kind);
    t.setClientKind(client);
    t.setSent(expected);
    t.setExpected(expected);
    t.setReceived(received);
    t.setDeliveryRatio((double) received / expected);
    t.setLatencyP50Millis(p50);
    t.setLatencyP95Millis(p95);
    t.setLatencyP99Millis(p99);
    return t;
  }
}
