package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import lombok.Data;

/** How realistic users differ: who sends, how much, and how long their messages are. */
@Data
public class UsageModel {
  @JsonPropertyDescription(
      "Per-sender rate multiplier (seeded, drawn once per sender, mean 1): a sender sends at its"
          + " traffic's messagesPerMinute times its draw; unset: all equal.")
  private MultiplierDistribution activity;

  @JsonPropertyDescription(
      "Per-message size multiplier of payloadBytes (seeded); unset: every message payloadBytes.")
  private SizeDistribution messageSizes;

  @JsonPropertyDescription(
      "Both: both sides of a one-to-one pair send. OneSide: one side sends and the other only"
          + " receives (DST's senders and receivers).")
  @Default("Both")
  private OneToOneSenders oneToOneSenders = OneToOneSenders.BOTH;
}
