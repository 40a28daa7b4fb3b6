package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a ChatSweep axis varies. A new axis (a feature switch such as an RLN limit) is one value
 * here, its range rule on {@link SweepAxis}, and one case in sweep/SweepAxes (how a value changes
 * the point's specs).
 */
public enum SweepAxisName {
  /** Status-backend clients (desktop + mobile); pairs or groups are derived from it. */
  @JsonProperty("users")
  USERS,
  /** Messages per minute each client sends (the traffic's messagesPerMinute). */
  @JsonProperty("messagesPerMinute")
  MESSAGES_PER_MINUTE,
  /** One-to-one or private-group traffic (values in {@code kinds}). */
  @JsonProperty("traffic")
  TRAFFIC,
  /** Members per private group. */
  @JsonProperty("groupSize")
  GROUP_SIZE,
  /** Fraction of the clients that are mobile (light) clients, 0 to 1. */
  @JsonProperty("lightClientShare")
  LIGHT_CLIENT_SHARE,
  /**
   * The network's RLN user message limit (spec.rln.userMessageLimit), 20 to 600. It changes the
   * network's shape: memberships are registered at one limit, so each value runs on a new network.
   */
  @JsonProperty("rlnUserMessageLimit")
  RLN_USER_MESSAGE_LIMIT
}
