package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Load generator shards. */
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

  public int getTotal() {
    return total;
  }

  public void setTotal(int total) {
    this.total = total;
  }

  public int getSucceeded() {
    return succeeded;
  }

  public void setSucceeded(int succeeded) {
    this.succeeded = succeeded;
  }

  public int getFailed() {
    return failed;
  }

  public void setFailed(int failed) {
    this.failed = failed;
  }

  public int getReported() {
    return reported;
  }

  public void setReported(int reported) {
    this.reported = reported;
  }

  public Long getMaxStartSkewMillis() {
    return maxStartSkewMillis;
  }

  public void setMaxStartSkewMillis(Long maxStartSkewMillis) {
    this.maxStartSkewMillis = maxStartSkewMillis;
  }

  public List<FailedShard> getFailedShards() {
    return failedShards;
  }

  public void setFailedShards(List<FailedShard> failedShards) {
    this.failedShards = failedShards;
  }
}
