package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import lombok.Data;

/** The protocols a service node serves to light clients and to the rest of the network. */
@Data
public class ServiceProtocols {
  @JsonPropertyDescription("Store: keeps history for clients that were offline (--store).")
  @Default("true")
  private boolean store = true;

  @JsonPropertyDescription("Filter: pushes matching messages to light clients (--filter).")
  @Default("true")
  private boolean filter = true;

  @JsonPropertyDescription("Lightpush: publishes on behalf of light clients (--lightpush).")
  @Default("true")
  private boolean lightpush = true;

  @JsonPropertyDescription("Peer exchange: hands peers to light clients (--peer-exchange).")
  @Default("true")
  private boolean peerExchange = true;
}
