package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Which side of a one-to-one pair sends. */
public enum OneToOneSenders {
  /** Both sides send at the pair's rate. */
  @JsonProperty("Both")
  BOTH,
  /** One side sends, the other only receives (DST's senders and receivers). */
  @JsonProperty("OneSide")
  ONE_SIDE
}
