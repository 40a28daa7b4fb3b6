package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import lombok.Data;

/**
 * Idleness: a phase with no load at all after the contact-request phase and before the traffic,
 * whose CPU, memory and bandwidth per client kind are the baseline cost of being online with the
 * contacts and groups made; and a share of chat members that never send.
 */
@Data
public class IdlePhase {
  @JsonPropertyDescription(
      "Seconds with no load at all, after the contact-request phase and before the traffic's"
          + " warm-up (the run is that much longer). Prometheus figures over exactly this phase go"
          + " to status.results.metrics.idleBaseline.")
  @Min(1)
  @Max(86400)
  private Integer seconds;

  @JsonPropertyDescription(
      "Share of the clients in pairs and groups that are online and in their chats but send"
          + " nothing, 0 to 1 (drawn with the seed).")
  @Min(0)
  @Max(1)
  private Double clientShare;
}
