package io.chatnet.operator.experiment;

import io.chatnet.contract.Plan;
import io.chatnet.operator.api.ChatExperimentSpec;
import java.time.Instant;

/**
 * An experiment's run from its start instant, as the plan lays it out (contract version 2, Plan's
 * idleFrom, trafficFrom, measureFrom, endAt): the contact-request phase, the idle phase, then the
 * traffic with its warm-up and the measured window. Without those phases it is the version-1
 * timeline (traffic from the start instant). Pure.
 */
public record ExperimentTimeline(
    Instant start, Instant idleFrom, Instant trafficFrom, Instant measureFrom, Instant end) {

  public static ExperimentTimeline of(ChatExperimentSpec spec, Instant start) {
    Instant idleFrom = start.plusSeconds(contactPhaseSeconds(spec));
    Instant trafficFrom = idleFrom.plusSeconds(idlePhaseSeconds(spec));
    Instant measureFrom = trafficFrom.plusSeconds(spec.getWarmupSeconds());
    return new ExperimentTimeline(
        start,
        idleFrom,
        trafficFrom,
        measureFrom,
        measureFrom.plusSeconds(spec.getDurationSeconds()));
  }

  /** Seconds the phases before the traffic add to a run. */
  public static int phaseSeconds(ChatExperimentSpec spec) {
    return contactPhaseSeconds(spec) + idlePhaseSeconds(spec);
  }

  private static int contactPhaseSeconds(ChatExperimentSpec spec) {
    Plan.ContactRequests c = PlanMeasurements.contactRequests(spec);
    return c == null ? 0 : c.effectivePhaseSeconds();
  }

  private static int idlePhaseSeconds(ChatExperimentSpec spec) {
    Plan.Idle idle = PlanMeasurements.idle(spec);
    return idle == null ? 0 : Math.max(0, idle.phaseSeconds());
  }
}
