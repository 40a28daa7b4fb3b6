package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.config.ApiOutages;
import io.chatnet.operator.status.Conditions;
import io.chatnet.operator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a network or experiment shows after an API server outage the operator lived through while it
 * existed: condition ApiServerReachable=True, reason RecoveredAfterOutage, naming the outage's
 * start, end and length (lastTransitionTime: its end), and one Warning event ApiServerOutage. The
 * condition cannot be False while it matters (nothing can be written then); it says afterwards that
 * the operator had to wait. It stays until a later outage replaces it, and is carried over from the
 * previous status, so a restarted operator (which saw no outage itself) keeps it.
 */
final class ApiOutageCondition {
  static final String TYPE = "ApiServerReachable";
  static final String REASON = "RecoveredAfterOutage";
  static final String EVENT = "ApiServerOutage";

  private ApiOutageCondition() {}

  /**
   * Sets the condition in {@code conditions} (the status about to be written) for {@code last} when
   * {@code object} existed before it began (and {@code active}: a finished experiment is left as it
   * was), else carries it from {@code previous}; records the event when the condition is new.
   */
  static void mark(
      HasMetadata object,
      boolean active,
      List<Condition> previous,
      List<Condition> conditions,
      Optional<ApiOutages.Outage> last,
      EventRecorder events) {
    Optional<Condition> before = Conditions.find(previous, TYPE);
    Optional<Condition> now =
        last.filter(o -> active && existedBefore(object, o.start())).map(ApiOutageCondition::of);
    Optional<Condition> chosen = before;
    if (now.isPresent()) {
      String message = now.get().getMessage();
      if (before.map(b -> !message.equals(b.getMessage())).orElse(true)) {
        events.warning(object, EVENT, message);
        chosen = now;
      }
    }
    if (chosen.isPresent() && !conditions.contains(chosen.get())) {
      conditions.removeIf(c -> TYPE.equals(c.getType()));
      conditions.add(chosen.get());
    }
  }

  /** For an experiment: finished ones (Succeeded, Failed before this reconcile) are left alone. */
  static void mark(
      ChatExperiment experiment,
      ChatExperimentStatus previous,
      ChatExperimentStatus status,
      EventRecorder events) {
    ExperimentPhase phase = previous == null ? null : previous.getPhase();
    mark(
        experiment,
        phase != ExperimentPhase.Succeeded && phase != ExperimentPhase.Failed,
        previous == null ? null : previous.getConditions(),
        status.getConditions(),
        ApiOutages.shared().last(),
        events);
  }

  static Condition of(ApiOutages.Outage outage) {
    return new ConditionBuilder()
        .withType(TYPE)
        .withStatus("True")
        .withReason(REASON)
        .withMessage(
            "the API server answered the operator nothing but failures for "
                + outage.length().toSeconds()
                + " s ("
                + outage.start()
                + " to "
                + outage.end()
                + "); the operator waited, retried and carried on from there")
        .withLastTransitionTime(outage.end().toString())
        .build();
  }

  private static boolean existedBefore(HasMetadata object, Instant instant) {
    String created = object.getMetadata().getCreationTimestamp();
    return created != null && Instant.parse(created).isBefore(instant);
  }
}
