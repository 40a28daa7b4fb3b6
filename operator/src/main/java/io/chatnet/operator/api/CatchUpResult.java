package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/** Catch-up after offline spells of one length, for one client kind (contract Summary.catchUp). */
@Data
public class CatchUpResult {
  @JsonPropertyDescription("Client kind: desktop (relay) or mobile (light client).")
  private String clientKind;

  @JsonPropertyDescription("Length of the offline spells, seconds.")
  private Integer offlineSeconds;

  @JsonPropertyDescription("Spells of this length that ended in the measured window.")
  private Long spells;

  @JsonPropertyDescription("Spells during which messages to the client were sent.")
  private Long spellsWithMissed;

  @JsonPropertyDescription("Spells after which every missed message arrived.")
  private Long caughtUp;

  @JsonPropertyDescription(
      "Messages sent to the client while offline that had not arrived when it came back.")
  private Long missed;

  @JsonPropertyDescription("Missed messages that arrived afterwards (store query or resend).")
  private Long arrived;

  @JsonPropertyDescription("Missed messages not arrived within the load generator's window.")
  private Long neverArrived;

  @JsonPropertyDescription("neverArrived / missed.")
  private Double neverArrivedRatio;

  @JsonPropertyDescription("How long after its send a missed message was waited for.")
  private Long windowSeconds;

  @JsonPropertyDescription(
      "From coming back online to the last missed message arriving, over caught-up spells.")
  private LatencyPercentiles time;
}
