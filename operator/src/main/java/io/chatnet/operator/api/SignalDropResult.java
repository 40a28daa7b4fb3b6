package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/** One client kind's signals websocket drops, over the shards. */
@Data
public class SignalDropResult {
  @JsonPropertyDescription("The client kind (desktop, mobile).")
  private String clientKind;

  @JsonPropertyDescription("Times a client's /signals connection closed or failed.")
  private long drops;

  @JsonPropertyDescription("Clients that dropped at least once.")
  private int clients;

  @JsonPropertyDescription(
      "The longest time one client's socket stayed down, in milliseconds (until it reconnected,"
          + " or until its shard ended).")
  private long longestOutageMillis;
}
