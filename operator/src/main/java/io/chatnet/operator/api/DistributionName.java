package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Mean-1 multiplier distributions the load generator draws from (contract Plan.Distribution):
 * per-sender rates and per-message sizes scale the configured mean by a draw.
 */
public enum DistributionName {
  /** Always 1: every sender at the mean rate, every message payloadBytes long. */
  @JsonProperty("constant")
  CONSTANT,
  /** Exponential with mean 1. */
  @JsonProperty("exponential")
  EXPONENTIAL,
  /** Pareto with alpha = shape (> 1, default 1.5; 1.16 is "80/20"), scaled to mean 1. */
  @JsonProperty("pareto")
  PARETO,
  /** Log-normal with sigma = shape (default 1) and mu = -sigma^2/2, so the mean is 1. */
  @JsonProperty("lognormal")
  LOGNORMAL
}
