package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/**
 * Relay payload bytes on one pubsub topic (shard) over the window, summed over every nwaku node of
 * the network: what shows whether traffic other than the chats' own reached the network.
 */
@Data
public class RelayTopicBytes {
  @JsonPropertyDescription("Pubsub topic, e.g. /waku/2/rs/16/32.")
  private String topic;

  @JsonPropertyDescription(
      "Bytes of relay messages received on the topic by all nwaku nodes (type gross, direction"
          + " in: duplicates included).")
  private Long bytesIn;

  @JsonPropertyDescription(
      "Bytes of relay messages sent on the topic by all nwaku nodes (type net, direction out).")
  private Long bytesOut;

  @JsonPropertyDescription(
      "True for status-go's Communities shard (shard 64 of the network's cluster): relay"
          + " (desktop) clients subscribe to it whatever their settings, so any bytes here are"
          + " Communities traffic that was not switched off.")
  private boolean communitiesShard;
}
