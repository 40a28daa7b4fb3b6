package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Contact requests as a measured operation (DST's contact_request, vacp2p/status-benchmarks
 * src/benchmark_scenarios/private_chats.py at 043038d9): requesters each send a request to
 * targetsPerRequester of the targets (drawn with the seed); targets answer by their share. Sent at
 * the start of the measured window; an answer not back at the requester by its end is unanswered.
 */
@ValidationRule(
    value =
        "(has(self.acceptShare) ? self.acceptShare : 0.0) + (has(self.declineShare) ?"
            + " self.declineShare : 0.0) + (has(self.ignoreShare) ? self.ignoreShare : 0.0) <="
            + " 1.0",
    message =
        "acceptShare + declineShare + ignoreShare must not exceed 1 (they are shares of targets)")
@ValidationRule(
    value = "self.targetsPerRequester <= self.targets",
    message =
        "targetsPerRequester must not exceed targets (each request goes to a distinct target)",
    fieldPath = ".targetsPerRequester")
public class ContactRequestPhase {
  @JsonPropertyDescription(
      "Clients that send contact requests (taken first, in client order; with perClientKind, of"
          + " each client kind).")
  @Required
  @Min(1)
  @Max(10000)
  private int requesters;

  @JsonPropertyDescription(
      "Clients that receive the requests (taken after the requesters; with perClientKind, of each"
          + " client kind). A requester and a target are never the same client.")
  @Required
  @Min(1)
  @Max(10000)
  private int targets;

  @JsonPropertyDescription(
      "Requests each requester sends, to that many distinct targets drawn with the seed.")
  @Required
  @Min(1)
  @Max(10000)
  private int targetsPerRequester;

  @JsonPropertyDescription(
      "Share of the targets that accept every request they receive, 0 to 1; the counts are the"
          + " shares of targets rounded to the nearest whole target.")
  @Min(0)
  @Max(1)
  @Default("0")
  private double acceptShare;

  @JsonPropertyDescription("Share of the targets that decline every request they receive, 0 to 1.")
  @Min(0)
  @Max(1)
  @Default("0")
  private double declineShare;

  @JsonPropertyDescription(
      "Share of the targets that ignore requests, 0 to 1. Targets outside the three shares (when"
          + " they sum to less than 1) do not answer either; their requests count as unanswered.")
  @Min(0)
  @Max(1)
  @Default("0")
  private double ignoreShare;

  @JsonPropertyDescription(
      "Apply the counts within each client kind (desktop/relay and mobile/light) separately, as"
          + " DST runs its relay and light sets side by side; false: over all clients in order.")
  @Default("false")
  private boolean perClientKind;

  public int getRequesters() {
    return requesters;
  }

  public void setRequesters(int requesters) {
    this.requesters = requesters;
  }

  public int getTargets() {
    return targets;
  }

  public void setTargets(int targets) {
    this.targets = targets;
  }

  public int getTargetsPerRequester() {
    return targetsPerRequester;
  }

  public void setTargetsPerRequester(int targetsPerRequester) {
    this.targetsPerRequester = targetsPerRequester;
  }

  public double getAcceptShare() {
    return acceptShare;
  }

  public void setAcceptShare(double acceptShare) {
    this.acceptShare = acceptShare;
  }

  public double getDeclineShare() {
    return declineShare;
  }

  public void setDeclineShare(double declineShare) {
    this.declineShare = declineShare;
  }

  public double getIgnoreShare() {
    return ignoreShare;
  }

  public void setIgnoreShare(double ignoreShare) {
    this.ignoreShare = ignoreShare;
  }

  public boolean isPerClientKind() {
    return perClientKind;
  }

  public void setPerClientKind(boolean perClientKind) {
    this.perClientKind = perClientKind;
  }
}
