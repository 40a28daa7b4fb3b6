package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import lombok.Data;

/** Where the results analyzer reads an experiment's metrics. */
@Data
public class PrometheusSource {
  @JsonPropertyDescription(
      "Base URL of the Prometheus HTTP API (for example http://prometheus.monitoring:9090). Without"
          + " it the operator's default (chatnet.prometheus.url) is used; without either, results"
          + " come from the load generator alone and the MetricsAvailable condition says so.")
  @Pattern("^https?://[^\\s]+$")
  @Size(max = 512)
  private String url;
}
