package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How message sizes are drawn between minBytes and maxBytes. */
public enum SizeShape {
  /** Every message payloadBytes long (the traffic's own size). */
  @JsonProperty("Fixed")
  FIXED,
  /** Uniform between minBytes and maxBytes. */
  @JsonProperty("Uniform")
  UNIFORM,
  /** Log-normal with the median at the traffic's payloadBytes, cut to [minBytes, maxBytes]. */
  @JsonProperty("LogNormal")
  LOG_NORMAL
}
