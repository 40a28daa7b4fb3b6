package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The chat traffic a sweep point runs. */
public enum SweepTrafficKind {
  /** spec.traffic.oneToOne: every client in one pair. */
  @JsonProperty("oneToOne")
  ONE_TO_ONE,
  /** spec.traffic.privateGroups: every client in one group. */
  @JsonProperty("privateGroups")
  PRIVATE_GROUPS
}
