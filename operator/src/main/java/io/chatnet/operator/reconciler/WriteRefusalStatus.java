package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatNetworkStatus;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.status.Conditions;
import io.chatnet.operator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Turns a reconcile's refused writes into status: condition {@value #CONDITION} (False with the
 * most severe refusal's reason and the refused objects, True once they are written), phase Failed
 * when retrying cannot help, and a Warning event whenever the refusals shown change. The condition
 * appears once a write was refused and stays (True) after.
 */
public final class WriteRefusalStatus {
  public static final String CONDITION = "WritesAccepted";
  static final String ACCEPTED = "Accepted";
  private static final String ACCEPTED_MESSAGE = "the API server accepted every write";

  private final Clock clock;

  public WriteRefusalStatus(Clock clock) {
    this.clock = clock;
  }

  /**
   * Adds the refusals to a network's freshly computed status; a refusal retrying cannot help makes
   * it Failed, with Ready and Progressing saying why (the phase-change event names it).
   *
   * @return when to reconcile again to retry refused writes
   */
  public Optional<Duration> network(
      ChatNetwork network,
      ChatNetworkStatus status,
      WriteRefusals.Round round,
      EventRecorder events) {
    round.finish();
    List<Condition> previous =
        network.getStatus() == null ? List.of() : network.getStatus().getConditions();
    Optional<Condition> condition = condition(previous, round);
    if (condition.isEmpty()) {
      return round.retryAfter();
    }
    status.setConditions(new java.util.ArrayList<>(status.getConditions()));
    status.getConditions().removeIf(c -> CONDITION.equals(c.getType()));
    status.getConditions().add(condition.get());
    boolean failing = round.failing().isPresent();
    if (failing) {
      String reason = round.reason().orElseThrow();
      status.setPhase(NetworkPhase.Failed);
      status.setReadyTime(null);
      for (Condition c : status.getConditions()) {
        if (NetworkStatusCalculator.READY.equals(c.getType())
            || NetworkStatusCalculator.PROGRESSING.equals(c.getType())) {
          c.setReason(reason);
          c.setMessage(round.summary());
          if ("True".equals(c.getStatus())) {
            c.setStatus("False");
            c.setLastTransitionTime(condition.get().getLastTransitionTime());
          }
        }
      }
    }
    NetworkPhase before = network.getStatus() == null ? null : network.getStatus().getPhase();
    // a change into Failed is announced by the reconciler's phase event, with this reason
    boolean announced = failing && before != NetworkPhase.Failed;
    if (!announced) {
      warnIfChanged(network, previous, condition.get(), events);
    }
    return round.retryAfter();
  }

  /**
   * Adds the refusals to an experiment's status; a refusal retrying cannot help fails it through
   * {@code fail} (reason, message), which records its own event.
   *
   * @return when to reconcile again to retry refused writes
   */
  public Optional<Duration> experiment(
      ChatExperiment experiment,
      ChatExperimentStatus status,
      WriteRefusals.Round round,
      EventRecorder events,
      BiConsumer<String, String> fail) {
    round.finish();
    List<Condition> previous = List.copyOf(status.getConditions());
    Optional<Condition> condition = condition(previous, round);
    if (condition.isEmpty()) {
      return round.retryAfter();
    }
    status.getConditions().removeIf(c -> CONDITION.equals(c.getType()));
    status.getConditions().add(condition.get());
    boolean done =
        status.getPhase() == ExperimentPhase.Succeeded
            || status.getPhase() == ExperimentPhase.Failed;
    if (round.failing().isPresent() && !done) {
      fail.accept(round.reason().orElseThrow(), round.summary());
    } else {
      warnIfChanged(experiment, previous, condition.get(), events);
    }
    return round.retryAfter();
  }

  /** The condition to show, or none when nothing was ever refused. */
  Optional<Condition> condition(List<Condition> previous, WriteRefusals.Round round) {
    Optional<Condition> old = find(previous);
    Optional<String> reason = round.reason();
    if (reason.isEmpty() && old.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Conditions.of(
            old.stream().toList(),
            CONDITION,
            reason.isEmpty(),
            reason.orElse(ACCEPTED),
            reason.isPresent() ? round.summary() : ACCEPTED_MESSAGE,
            clock.instant()));
  }

  private static void warnIfChanged(
      io.fabric8.kubernetes.api.model.HasMetadata owner,
      List<Condition> previous,
      Condition now,
      EventRecorder events) {
    if (!"False".equals(now.getStatus())) {
      return;
    }
    Optional<Condition> old = find(previous);
    boolean same =
        old.isPresent()
            && Objects.equals(old.get().getReason(), now.getReason())
            && Objects.equals(old.get().getMessage(), now.getMessage());
    if (!same) {
      events.warning(owner, now.getReason(), now.getMessage());
    }
  }

  private static Optional<Condition> find(List<Condition> conditions) {
    return Conditions.find(conditions, CONDITION);
  }
}
