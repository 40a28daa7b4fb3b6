package io.chatnet.operator.planning;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.Distribution;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.GroupMetrics;
import io.chatnet.operator.api.MetricsResults;
import io.chatnet.operator.api.TrafficResult;
import io.chatnet.operator.report.ExperimentReport;
import io.chatnet.operator.report.ReportJson;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;

/**
 * report.json of one-to-one sweep points shaped like test-scenarios/sweep-users.yaml: users clients
 * in pairs, one relay node per user, with the figures given.
 */
final class SweepReports {
  private SweepReports() {}

  /** Figures of one point: relay bandwidth in (out is 1.1 times), client CPU, 1:1 p95 latency. */
  record Figures(double relayIn, double clientCpu, double p95Millis) {}

  static String reportJson(String name, int users, double messagesPerMinute, Figures f) {
    ChatNetwork network =
        Serialization.unmarshal(
            """
            apiVersion: chatnet.io/v1alpha1
            kind: ChatNetwork
            metadata: {name: %s, namespace: lab}
            spec:
              seed: %s
              groups:
              - {name: boot, kind: nwaku, role: bootstrap, replicas: 3}
              - {name: relay, kind: nwaku, role: relay, replicas: %d}
              - {name: service, kind: nwaku, role: service, replicas: 2}
              - {name: clients, kind: status-backend, role: desktop, replicas: %d, image: soutullostatus/status-backend:b22c58bd}
            """
                .formatted(name, name, users, users),
            ChatNetwork.class);
    ChatExperiment experiment =
        Serialization.unmarshal(
            """
            apiVersion: chatnet.io/v1alpha1
            kind: ChatExperiment
            metadata: {name: %s, namespace: lab}
            spec:
              networkRef: {name: %s}
              durationSeconds: 600
              traffic:
                oneToOne: {pairs: %d, messagesPerMinute: %s, payloadBytes: 1000}
            """
                .formatted(name, name, users / 2, messagesPerMinute),
            ChatExperiment.class);
    ChatExperimentStatus status = new ChatExperimentStatus();
    status.setPhase(ExperimentPhase.Succeeded);
    ExperimentResults results = new ExperimentResults();
    TrafficResult oneToOne = new TrafficResult();
    oneToOne.setLatencyP95Millis(f.p95Millis());
    oneToOne.setDeliveryRatio(0.999);
    results.setOneToOne(oneToOne);
    MetricsResults metrics = new MetricsResults();
    int nwaku = users + 5;
    metrics.setBandwidthInBytesPerSecond(distribution(f.relayIn(), nwaku));
    metrics.setBandwidthOutBytesPerSecond(distribution(f.relayIn() * 1.1, nwaku));
    metrics.setGroups(
        List.of(
            group("relay", "relay", 0.03, 60e6, nwaku),
            group("clients", "desktop", f.clientCpu(), 300e6, users)));
    results.setMetrics(metrics);
    status.setResults(results);
    experiment.setStatus(status);
    return ReportJson.write(ExperimentReport.of(experiment, network));
  }

  private static Distribution distribution(double mean, int nodes) {
    Distribution d = new Distribution();
    d.setMean(mean);
    d.setNodes(nodes);
    return d;
  }

  private static GroupMetrics group(
      String name, String role, double cpu, double memory, int nodes) {
    GroupMetrics g = new GroupMetrics();
    g.setName(name);
    g.setRole(role);
    g.setCpuCores(distribution(cpu, nodes));
    g.setMemoryBytes(distribution(memory, nodes));
    return g;
  }
}
