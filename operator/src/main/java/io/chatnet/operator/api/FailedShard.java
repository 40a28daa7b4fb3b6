package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/** A load generator shard that failed beyond its retries. */
@Data
public class FailedShard {
  @JsonPropertyDescription("The shard's index (JOB_COMPLETION_INDEX).")
  private int index;

  @JsonPropertyDescription("Its last pod (kubectl logs it).")
  private String pod;

  @JsonPropertyDescription(
      "Why: the container's exit code and reason, and its termination message (cut to 256"
          + " characters), or the pod's reason when no container ran.")
  private String reason;

  public FailedShard() {}

  public FailedShard(int index, String pod, String reason) {
    this.index = index;
    this.pod = pod;
    this.reason = reason;
  }
}
