package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kinds of fault. */
public enum FaultType {
  /** Delete a fraction of a group's pods (the StatefulSet recreates them). Native. */
  @JsonProperty("podKill")
  POD_KILL,
  /** Added latency on a fraction of a group's pods, through a Chaos Mesh NetworkChaos. */
  @JsonProperty("delay")
  DELAY,
  /** Packet loss on a fraction of a group's pods, through a Chaos Mesh NetworkChaos. */
  @JsonProperty("loss")
  LOSS,
  /** A fraction of a group's pods cut off from the rest, through a Chaos Mesh NetworkChaos. */
  @JsonProperty("partition")
  PARTITION
}
