package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/** Figures of one kind of traffic over the measured window. */
@Data
public class TrafficResult {
  @JsonPropertyDescription("Messages sent in the window.")
  private long sent;

  @JsonPropertyDescription("Sends refused by the client or node.")
  private long failed;

  @JsonPropertyDescription(
      "Sends due in the window but not issued because the load generator shard's outstanding"
          + " sends were at their bound (the clients answered slower than the send rate); neither"
          + " sent nor failed. Non-zero: the offered load was not reached. Absent when the load"
          + " generator did not count dropped sends (summaries before the bound).")
  private Long dropped;

  @JsonPropertyDescription("Receipts expected (one per intended receiver).")
  private long expected;

  @JsonPropertyDescription("First receipts seen.")
  private long received;

  @JsonPropertyDescription("Repeated receipts.")
  private long duplicates;

  @JsonPropertyDescription("Expected receipts never seen.")
  private long lost;

  @JsonPropertyDescription("Receipts after the window's end.")
  private long late;

  @JsonPropertyDescription(
      "Receipts that could not be observed (relay traffic: a receiving node's message cache"
          + " overflowed or a read failed); left out of expected and lost.")
  private long unknown;

  @JsonPropertyDescription(
      "Sends refused by the RLN rate limit (relay: the node's NonceLimitReached answer; chat:"
          + " status-go's envelope.expired after its retries), neither sent nor failed, so the"
          + " delivery ratio covers accepted messages. Absent when the load generator did not count"
          + " refusals (summaries before contract refusals).")
  private Long refused;

  @JsonPropertyDescription("Refused sends by the sender's client kind (desktop, mobile, relay).")
  private java.util.Map<String, Long> refusedBySender;

  @JsonPropertyDescription(
      "refused / (sent + failed + refused): the share of attempted sends the rate limit refused;"
          + " absent when refusals were not counted.")
  private Double refusedShare;

  @JsonPropertyDescription("received / expected.")
  private Double deliveryRatio;

  @JsonPropertyDescription(
      "Median end-to-end latency, ms (the largest shard median: an upper bound).")
  private Double latencyP50Millis;

  @JsonPropertyDescription("95th-percentile latency, ms (the largest shard value: an upper bound).")
  private Double latencyP95Millis;

  @JsonPropertyDescription("99th-percentile latency, ms (the largest shard value: an upper bound).")
  private Double latencyP99Millis;

  @JsonPropertyDescription("Largest latency seen, ms.")
  private Double latencyMaxMillis;
}
