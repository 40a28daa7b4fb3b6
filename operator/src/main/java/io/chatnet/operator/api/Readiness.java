package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import lombok.Data;

/** How long a network may take to reach its groups' ready thresholds before it reports a stall. */
@Data
public class Readiness {
  /** Deadline when none is given: a base plus time per pod, for image pulls and scheduling. */
  public static final int BASE_DEADLINE_SECONDS = 300;

  /** Pods per extra second of the default deadline: 1000 pods add 200 s. */
  public static final int PODS_PER_EXTRA_SECOND = 5;

  @JsonPropertyDescription(
      "Seconds the network may stay below a group's ready threshold (counted from when it last"
          + " stopped being Ready, or from creation) before condition Progressing turns False"
          + " with reason ProgressDeadlineExceeded, naming the short groups, how many pods each"
          + " lacks and why, with a Warning event. The operator keeps retrying after it. Default"
          + " 300 s plus 1 s per 5 pods of the network (1000 pods: 500 s).")
  @Min(1)
  @Max(604800)
  private Integer deadlineSeconds;

  /** The given deadline, or the default for a network of this many pods. */
  public static int effectiveDeadlineSeconds(Readiness readiness, int pods) {
    if (readiness != null && readiness.deadlineSeconds != null) {
      return readiness.deadlineSeconds;
    }
    return BASE_DEADLINE_SECONDS + pods / PODS_PER_EXTRA_SECOND;
  }
}
