package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

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
}
