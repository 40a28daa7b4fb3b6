package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/**
 * Contact requests sent by clients of one kind: outcomes, success rate and round trips (contract
 * Summary.contactRequests).
 */
@Data
public class ContactRequestResult {
  @JsonPropertyDescription(
      "Client kind of the requesters: desktop (relay) or mobile (light client).")
  private String clientKind;

  @JsonPropertyDescription(
      "Requests the plan asks for: failed + accepted + declined + ignored + unanswered + "
          + "answerFailed + undelivered.")
  private Long planned;

  @JsonPropertyDescription("Requests whose send call succeeded.")
  private Long sent;

  @JsonPropertyDescription("Requests whose send call failed.")
  private Long failed;

  @JsonPropertyDescription("Requests seen by their target.")
  private Long delivered;

  @JsonPropertyDescription("Acceptances that came back to the requester within the phase.")
  private Long accepted;

  @JsonPropertyDescription("Requests declined as planned (upstream tells the requester nothing).")
  private Long declined;

  @JsonPropertyDescription("Requests ignored as planned.")
  private Long ignored;

  @JsonPropertyDescription("Acceptances that had not come back by the end of the phase.")
  private Long unanswered;

  @JsonPropertyDescription("Requests whose accept or decline call failed.")
  private Long answerFailed;

  @JsonPropertyDescription("Requests never seen by their target.")
  private Long undelivered;

  @JsonPropertyDescription(
      "(accepted + declined + ignored) / planned: requests whose whole planned course happened.")
  private Double successRate;

  @JsonPropertyDescription("delivered / planned: DST's success rate of contact requests received.")
  private Double deliveredRatio;

  @JsonPropertyDescription("From the send call to the acceptance arriving back at the requester.")
  private LatencyPercentiles roundTrip;

  @JsonPropertyDescription("From the send call to the request being seen by the target.")
  private LatencyPercentiles delivery;
}
