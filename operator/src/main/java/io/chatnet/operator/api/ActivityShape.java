package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How senders' rates spread around the configured mean rate. */
public enum ActivityShape {
  /** Every sender at the mean rate. */
  @JsonProperty("Equal")
  EQUAL,
  /** Rate proportional to 1/rank^parameter (a few send a lot, most little), scaled to the mean. */
  @JsonProperty("Zipf")
  ZIPF,
  /** Rate drawn log-normally with sigma = parameter, scaled to the mean. */
  @JsonProperty("LogNormal")
  LOG_NORMAL
}
