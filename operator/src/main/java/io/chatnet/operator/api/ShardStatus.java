package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/** Load generator shards. */
@Data
public class ShardStatus {
  @JsonPropertyDescription("Shards planned.")
  private int total;

  @JsonPropertyDescription("Shards whose pod succeeded.")
  private int succeeded;

  @JsonPropertyDescription("Shards whose pod failed.")
  private int failed;

  @JsonPropertyDescription("Shards whose summary was read.")
  private int reported;

  @JsonPropertyDescription(
      "Shards that failed beyond their retries (spec.loadGenerator.retriesPerShard): index, last"
          + " pod, and why; the results cover the other shards.")
  private List<FailedShard> failedShards = new ArrayList<>();

  @JsonPropertyDescription("The largest start skew a shard reported, in milliseconds.")
  private Long maxStartSkewMillis;

  @JsonPropertyDescription(
      "Shards that measured less than the planned window (retried after a killed pod and joined"
          + " late): index, failed attempts, measured from/to, covered share. Their figures are"
          + " in the results.")
  private List<PartialShard> partialShards = new ArrayList<>();

  @JsonPropertyDescription(
      "The share of the planned shard-windows the results cover, 0 to 1: every shard's covered"
          + " share over the shard count (1 when every shard measured the whole window).")
  private Double coveredShare;
}
