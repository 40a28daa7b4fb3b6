package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import lombok.Data;

/** Raw relay load, network-wide, spread over the relay nodes. */
@Data
public class RelayTraffic {
  @JsonPropertyDescription(
      "Messages per second across the whole network (Poisson arrivals), greater than 0.")
  @Required
  // exclusiveMinimum: with minimum 0.001 an integer 0 passed (the API server compares integers
  // with the minimum truncated to an integer).
  @Min(value = 0, inclusive = false)
  @Max(100000)
  private double messagesPerSecond;

  @JsonPropertyDescription("Payload size in bytes.")
  @Min(1)
  @Max(150000)
  @Default("1024")
  private int payloadBytes = 1024;

  @JsonPropertyDescription("Content topic (/app/version/name/encoding).")
  @Pattern("^/[^/]+/[^/]+/[^/]+/[^/]+$")
  @Size(max = 256)
  @Default("/chatnet/1/relay-load/proto")
  private String contentTopic = "/chatnet/1/relay-load/proto";
}
