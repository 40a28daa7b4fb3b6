package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Contact requests of one client kind (the requester's): success rates and round trips. */
public class ContactRequestResult {
  @JsonPropertyDescription(
      "Client kind of the requesters: desktop (relay) or mobile (light client).")
  private String clientKind;

  @JsonPropertyDescription("Requests sent.")
  private Long sent;

  @JsonPropertyDescription("Requests whose send call failed.")
  private Long failed;

  @JsonPropertyDescription("Requests that reached their target.")
  private Long received;

  @JsonPropertyDescription("Requests the targets accepted.")
  private Long accepted;

  @JsonPropertyDescription("Requests the targets declined.")
  private Long declined;

  @JsonPropertyDescription("Requests ignored or not answered by the window's end.")
  private Long unanswered;

  @JsonPropertyDescription("Requests sent to targets that accept.")
  private Long toAccepting;

  @JsonPropertyDescription("Acceptances that came back to the requester.")
  private Long acceptedBack;

  @JsonPropertyDescription("received / sent.")
  private Double receivedRatio;

  @JsonPropertyDescription(
      "acceptedBack / toAccepting: the share of acceptances that made the round trip.")
  private Double acceptedRatio;

  @JsonPropertyDescription(
      "From sending the request to its acceptance arriving back at the requester.")
  private LatencyPercentiles roundTrip;

  public String getClientKind() {
    return clientKind;
  }

  public void setClientKind(String clientKind) {
    this.clientKind = clientKind;
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

  public Long getReceived() {
    return received;
  }

  public void setReceived(Long received) {
    this.received = received;
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

  public Long getUnanswered() {
    return unanswered;
  }

  public void setUnanswered(Long unanswered) {
    this.unanswered = unanswered;
  }

  public Long getToAccepting() {
    return toAccepting;
  }

  public void setToAccepting(Long toAccepting) {
    this.toAccepting = toAccepting;
  }

  public Long getAcceptedBack() {
    return acceptedBack;
  }

  public void setAcceptedBack(Long acceptedBack) {
    this.acceptedBack = acceptedBack;
  }

  public Double getReceivedRatio() {
    return receivedRatio;
  }

  public void setReceivedRatio(Double receivedRatio) {
    this.receivedRatio = receivedRatio;
  }

  public Double getAcceptedRatio() {
    return acceptedRatio;
  }

  public void setAcceptedRatio(Double acceptedRatio) {
    this.acceptedRatio = acceptedRatio;
  }

  public LatencyPercentiles getRoundTrip() {
    return roundTrip;
  }

  public void setRoundTrip(LatencyPercentiles roundTrip) {
    this.roundTrip = roundTrip;
  }
}
