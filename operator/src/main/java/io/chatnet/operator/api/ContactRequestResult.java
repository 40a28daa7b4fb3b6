package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Contact requests sent by clients of one kind: outcomes, success rate and round trips (contract
 * Summary.contactRequests).
 */
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

  public String getClientKind() {
    return clientKind;
  }

  public void setClientKind(String clientKind) {
    this.clientKind = clientKind;
  }

  public Long getPlanned() {
    return planned;
  }

  public void setPlanned(Long planned) {
    this.planned = planned;
  }

  public Long getSent() {
    return sent;
  }

  public void setSent(Long sent) {
    this.sent = sent;
  }

  public Long getFailed() {
    return failed;
  }

  public void setFailed(Long failed) {
    this.failed = failed;
  }

  public Long getDelivered() {
    return delivered;
  }

  public void setDelivered(Long delivered) {
    this.delivered = delivered;
  }

  public Long getAccepted() {
    return accepted;
  }

  public void setAccepted(Long accepted) {
    this.accepted = accepted;
  }

  public Long getDeclined() {
    return declined;
  }

  public void setDeclined(Long declined) {
    this.declined = declined;
  }

  public Long getIgnored() {
    return ignored;
  }

  public void setIgnored(Long ignored) {
    this.ignored = ignored;
  }

  public Long getUnanswered() {
    return unanswered;
  }

  public void setUnanswered(Long unanswered) {
    this.unanswered = unanswered;
  }

  public Long getAnswerFailed() {
    return answerFailed;
  }

  public void setAnswerFailed(Long answerFailed) {
    this.answerFailed = answerFailed;
  }

  public Long getUndelivered() {
    return undelivered;
  }

  public void setUndelivered(Long undelivered) {
    this.undelivered = undelivered;
  }

  public Double getSuccessRate() {
    return successRate;
  }

  public void setSuccessRate(Double successRate) {
    this.successRate = successRate;
  }

  public Double getDeliveredRatio() {
    return deliveredRatio;
  }

  public void setDeliveredRatio(Double deliveredRatio) {
    this.deliveredRatio = deliveredRatio;
  }

  public LatencyPercentiles getRoundTrip() {
    return roundTrip;
  }

  public void setRoundTrip(LatencyPercentiles roundTrip) {
    this.roundTrip = roundTrip;
  }

  public LatencyPercentiles getDelivery() {
    return delivery;
  }

  public void setDelivery(LatencyPercentiles delivery) {
    this.delivery = delivery;
  }
}
