package io.chatnet.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.PrometheusSource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsStepTest {
  static ChatExperiment experiment(String url) {
    ChatExperiment e =
        Serialization.unmarshal(
            """
            apiVersion: chatnet.io/v1alpha1
            kind: ChatExperiment
            metadata: {name: exp, namespace: ns}
            spec:
              networkRef: {name: lab}
              warmupSeconds: 30
              durationSeconds: 60
            """,
            ChatExperiment.class);
    if (url != null) {
      e.getSpec().setPrometheus(new PrometheusSource());
      e.getSpec().getPrometheus().setUrl(url);
    }
    return e;
  }

  static ChatExperimentStatus status() {
    ChatExperimentStatus status = new ChatExperimentStatus();
    status.setPlannedStart("2026-11-20T10:00:00.123456789Z");
    status.setWindowEnd("2026-11-20T10:01:30.123456789Z");
    return status;
  }

  @Test
  void theWindowExcludesWarmUpAndKeepsMilliseconds() {
    Instant[] window = MetricsStep.window(experiment(null), status());
    assertThat(window[0]).isEqualTo(Instant.parse("2026-11-20T10:00:30.123Z"));
    assertThat(window[1]).isEqualTo(Instant.parse("2026-11-20T10:01:30.123Z"));
  }

  @Test
  void withoutAnyUrlItIsNotConfigured() {
    var outcome =
        new MetricsStep(Optional.empty(), Duration.ofSeconds(1)).run(experiment(null), status());
    assertThat(outcome.available()).isFalse();
    assertThat(outcome.reason()).isEqualTo("NotConfigured");
    assertThat(outcome.message()).contains("spec.prometheus.url", "CHATNET_PROMETHEUS_URL");
    assertThat(outcome.metrics()).isNull();
  }

  @Test
  void aUrlWithoutHostIsNotConfiguredAndNotEchoed() {
    var outcome =
        new MetricsStep(Optional.of("http:///x?password=hunter2"), Duration.ofSeconds(1))
            .run(experiment(null), status());
    assertThat(outcome.reason()).isEqualTo("NotConfigured");
    assertThat(outcome.message()).doesNotContain("hunter2");
  }

  @Test
  void theSpecsUrlWinsOverTheOperatorDefault() {
    // The default would be fine; the spec's (a closed loopback port) must be the one tried.
    var outcome =
        new MetricsStep(Optional.of("http://127.0.0.1:1"), Duration.ofSeconds(1))
            .run(experiment("http://127.0.0.1:9"), status());
    assertThat(outcome.reason()).isEqualTo("PrometheusUnreachable");
    assertThat(outcome.message()).contains("127.0.0.1:9");
  }
}
