package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/**
 * Contact requests as a measured operation (DST's contact_request, vacp2p/status-benchmarks
 * src/benchmark_scenarios/private_chats.py at 043038d9): requesters each send a request to
 * requestsPerRequester of the targets (drawn with the seed); targets answer by their share. Sent at
 * the start of the measured window; an answer not back at the requester by its end is unanswered.
 */
@ValidationRule(
    value = "self.acceptShare + self.declineShare <= 1.0",
    message =
        "acceptShare + declineShare must not exceed 1 (shares of targets; the rest ignore the"
            + " requests)")
@ValidationRule(
    value = "self.spreadSeconds < self.phaseSeconds",
    message = "spreadSeconds must be shorter than phaseSeconds: answers need time to come back",
    fieldPath = ".spreadSeconds")
@ValidationRule(
    value = "self.requestsPerRequester <= self.targets",
    message =
        "requestsPerRequester must not exceed targets (each request goes to a distinct target)",
    fieldPath = ".requestsPerRequester")
@Data
public class ContactRequestPhase {
  @JsonPropertyDescription(
      "Clients that send contact requests: the first clients left after pairs and groups, in the"
          + " order of the network's status-backend groups; figures are per requester kind.")
  @Required
  @Min(1)
  @Max(10000)
  private int requesters;

  @JsonPropertyDescription(
      "Clients that receive the requests: the next clients after the requesters (never one of"
          + " them).")
  @Required
  @Min(1)
  @Max(10000)
  private int targets;

  @JsonPropertyDescription(
      "Requests each requester sends, to that many distinct targets drawn with the seed.")
  @Required
  @Min(1)
  @Max(10000)
  private int requestsPerRequester;

  @JsonPropertyDescription(
      "Share of the targets that accept every request they receive, 0 to 1; counts are the shares"
          + " of targets rounded to the nearest whole target, picked with the seed.")
  @Min(0)
  @Max(1)
  @Default("0")
  private double acceptShare;

  @JsonPropertyDescription(
      "Share of the targets that decline every request; the targets outside acceptShare and"
          + " declineShare ignore them.")
  @Min(0)
  @Max(1)
  @Default("0")
  private double declineShare;

  @JsonPropertyDescription(
      "Seconds of the contact-request phase (from the start instant): answers are awaited until its"
          + " end; an acceptance later than that counts as unanswered.")
  @Min(10)
  @Max(3600)
  @Default("60")
  private int phaseSeconds = 60;

  @JsonPropertyDescription(
      "Seconds over which the requests are sent, evenly; 0: all at once (bounded by the load"
          + " generator's concurrency). Shorter than phaseSeconds.")
  @Min(0)
  @Max(3600)
  @Default("0")
  private int spreadSeconds;
}
