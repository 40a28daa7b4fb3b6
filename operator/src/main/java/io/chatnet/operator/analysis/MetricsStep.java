package io.chatnet.operator.analysis;

import io.chatnet.operator.analysis.MetricsAnalyzer.Outcome;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.config.OperatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The experiment reconciler's metrics step: after the window, read the figures from the
 * experiment's Prometheus (spec.prometheus.url, else the operator's chatnet.prometheus.url) over
 * planned start + warm-up .. window end. Never throws: every failure is an outcome with a reason.
 */
public final class MetricsStep {
  public static final String CONDITION = "MetricsAvailable";
  private final Optional<String> defaultUrl;
  private final Duration timeout;
  // One client for every analysis and retry the operator makes.
  private final HttpClient http;

  public MetricsStep(OperatorConfig.Prometheus config) {
    this(config.url(), config.timeout());
  }

  public MetricsStep(Optional<String> defaultUrl, Duration timeout) {
    this.defaultUrl = defaultUrl.filter(u -> !u.isBlank());
    this.timeout = timeout;
    this.http = PrometheusClient.newHttpClient(timeout);
  }

  /**
   * The measured window: warm-up and the phases before the traffic excluded, milliseconds (what
   * Prometheus keeps). It is the durationSeconds before status.windowEnd.
   */
  public static Instant[] window(ChatExperiment experiment, ChatExperimentStatus status) {
    Instant end = Instant.parse(status.getWindowEnd()).truncatedTo(ChronoUnit.MILLIS);
    Instant start = end.minusSeconds(experiment.getSpec().getDurationSeconds());
    return new Instant[] {start, end};
  }

  public Outcome run(ChatExperiment experiment, ChatExperimentStatus status) {
    String configured =
        experiment.getSpec().getPrometheus() != null
                && experiment.getSpec().getPrometheus().getUrl() != null
            ? experiment.getSpec().getPrometheus().getUrl()
            : defaultUrl.orElse(null);
    if (configured == null) {
      return Outcome.unavailable(
          "NotConfigured",
          "no Prometheus to read: set spec.prometheus.url or the operator's chatnet.prometheus.url"
              + " (CHATNET_PROMETHEUS_URL); results come from the load generators alone");
    }
    URI url;
    try {
      url = URI.create(configured);
      if (url.getHost() == null
          || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
        throw new IllegalArgumentException("not http(s) with a host");
      }
    } catch (IllegalArgumentException e) {
      // The URL itself stays out of the message: it may carry credentials.
      return Outcome.unavailable(
          "NotConfigured", "the Prometheus URL is not an http(s) URL with a host");
    }
    Instant[] window = window(experiment, status);
    MetricsAnalyzer analyzer =
        new MetricsAnalyzer(new PrometheusClient(url, timeout, http), timeout.multipliedBy(3));
    String namespace = experiment.getMetadata().getNamespace();
    String network = experiment.getSpec().getNetworkRef().getName();
    String name = experiment.getMetadata().getName();
    Outcome outcome = analyzer.analyze(namespace, network, name, window[0], window[1]);
    Optional<Instant[]> idle = IdleBaseline.window(experiment, status);
    if (outcome.metrics() != null && idle.isPresent()) {
      outcome
          .metrics()
          .setIdleBaseline(
              IdleBaseline.of(analyzer, namespace, network, name, idle.get()[0], idle.get()[1]));
    }
    return outcome;
  }
}
