package io.chatnet.operator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.experiment.LoadGeneratorJob;
import io.chatnet.operator.network.GroupStatefulSet;
import io.chatnet.operator.network.NodeKeySecrets;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The scrape objects, pure: PodMonitors, pod annotations, and when PodMonitors are made. */
class ScrapeObjectsTest {
  final ChatNetwork smoke = Scenarios.network("smoke.yaml", "team-a");

  static ChatExperiment experiment() {
    return Serialization.unmarshal(
        """
        apiVersion: chatnet.io/v1alpha1
        kind: ChatExperiment
        metadata: {name: exp, namespace: team-a}
        spec:
          networkRef: {name: smoke}
          traffic:
            oneToOne: {pairs: 3, messagesPerMinute: 60}
          loadGenerator: {replicas: 2}
        """,
        ChatExperiment.class);
  }

  /** The spec as it goes over the wire (unset fields left out), to compare with plain maps. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> spec(PodMonitor monitor) {
    return (Map<String, Object>)
        Serialization.unmarshal(Serialization.asJson(monitor), Map.class).get("spec");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> endpoints(PodMonitor monitor) {
    return (List<Map<String, Object>>) spec(monitor).get("podMetricsEndpoints");
  }

  @Test
  void theNetworksPodMonitorSelectsItsGroupPodsAndRelabelsToTheConvention() {
    PodMonitor monitor = NetworkPodMonitor.build(smoke);
    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.getKind()).isEqualTo("PodMonitor");
    assertThat(monitor.getMetadata().getName()).isEqualTo("smoke-nodes");
    assertThat(monitor.getMetadata().getNamespace()).isEqualTo("team-a");
    assertThat(monitor.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/part-of", "chatnet");
    assertThat(spec(monitor).get("selector"))
        .isEqualTo(
            Map.of(
                "matchLabels",
                Map.of("chatnet.io/network", "smoke", "app.kubernetes.io/managed-by", "chatnet"),
                "matchExpressions",
                List.of(Map.of("key", "chatnet.io/group", "operator", "Exists"))));
    Map<String, Object> endpoint = endpoints(monitor).get(0);
    assertThat(endpoint).containsEntry("port", "metrics").containsEntry("path", "/metrics");
    // explicit, not the Prometheus's global default
    assertThat(endpoint).containsEntry("interval", "15s");
    assertThat(endpoint.get("relabelings"))
        .isEqualTo(
            List.of(
                rule("__meta_kubernetes_pod_label_chatnet_io_network", "chatnet_network"),
                rule("__meta_kubernetes_pod_label_chatnet_io_group", "chatnet_group"),
                rule("__meta_kubernetes_pod_label_chatnet_io_role", "chatnet_role"),
                rule("__meta_kubernetes_pod_label_chatnet_io_experiment", "chatnet_experiment")));
  }

  static Map<String, Object> rule(String source, String target) {
    return Map.of("action", "replace", "sourceLabels", List.of(source), "targetLabel", target);
  }

  @Test
  void theLoadGeneratorsPodMonitorSelectsTheExperimentsShards() {
    PodMonitor monitor = LoadGeneratorPodMonitor.build(experiment());
    assertThat(monitor.getMetadata().getName()).isEqualTo("exp-loadgen");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("chatnet.io/experiment", "exp");
    assertThat(spec(monitor).get("selector"))
        .isEqualTo(
            Map.of(
                "matchLabels",
                Map.of("chatnet.io/experiment", "exp", "chatnet.io/role", "loadgen")));
    assertThat(endpoints(monitor).get(0)).containsEntry("port", "metrics");
  }

  @Test
  void podsCarryScrapeAnnotationsForTheirMetricsPort() {
    for (NodeGroup group : smoke.getSpec().getGroups()) {
      ObjectMeta pod =
          GroupStatefulSet.build(
                  smoke, group, NodeKeySecrets.chunks(group.getReplicas()), Scenarios.DEFAULTS)
              .getSpec()
              .getTemplate()
              .getMetadata();
      String port = group.getKind().name().equals("NWAKU") ? "8008" : "9100";
      assertThat(pod.getAnnotations())
          .as(group.getName())
          .containsEntry("prometheus.io/scrape", "true")
          .containsEntry("prometheus.io/port", port)
          .containsEntry("prometheus.io/path", "/metrics");
    }
    ObjectMeta shard =
        LoadGeneratorJob.build(experiment(), Scenarios.DEFAULTS)
            .getSpec()
            .getTemplate()
            .getMetadata();
    assertThat(shard.getLabels())
        .containsEntry("chatnet.io/role", "loadgen")
        .containsEntry("chatnet.io/experiment", "exp")
        .containsEntry("chatnet.io/network", "smoke")
        .doesNotContainKey("chatnet.io/group");
    assertThat(shard.getAnnotations()).containsEntry("prometheus.io/port", "9400");
  }

  @Test
  void withoutTheCrdNoPodMonitorIsMadeAndTheAnswerIsCachedForAWhile() {
    AtomicInteger asked = new AtomicInteger();
    MutableClock clock = new MutableClock(Instant.parse("2026-11-26T08:00:00Z"));
    PodMonitorSupport support =
        new PodMonitorSupport(
            () -> {
              asked.incrementAndGet();
              return false;
            },
            clock);
    assertThat(support.served()).isFalse();
    assertThat(support.served()).isFalse();
    assertThat(asked).hasValue(1);
    clock.now = clock.now.plus(PodMonitorSupport.TTL);
    assertThat(support.served()).isFalse();
    assertThat(asked).hasValue(2);
  }

  @Test
  void aFailedDiscoveryCountsAsNotServed() {
    PodMonitorSupport support =
        new PodMonitorSupport(
            () -> {
              throw new IllegalStateException("discovery failed");
            },
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    assertThat(support.served()).isFalse();
  }

  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void theLoadGeneratorsPodMonitorScrapesAtTheExperimentsInterval() {
    ChatExperiment experiment = experiment();
    assertThat(endpoints(LoadGeneratorPodMonitor.build(experiment)).get(0))
        .containsEntry("interval", "15s");
    experiment.getSpec().setScrapeIntervalSeconds(5);
    assertThat(endpoints(LoadGeneratorPodMonitor.build(experiment)).get(0))
        .containsEntry("interval", "5s");
  }
}
