package io.chatnet.operator.experiment;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NetworkPhase;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * An experiment waiting for its network: why it waits (the network is missing, or its phase and its
 * Ready condition's message) and when it stops waiting (spec.networkWaitSeconds after it began to
 * wait, the lastTransitionTime of its own NetworkReady=False condition). Pure.
 */
public final class NetworkWait {
  public static final String CONDITION = "NetworkReady";
  public static final String NOT_FOUND = "NotFound";
  public static final String NOT_READY = "NotReady";
  public static final String FAILED_NOT_FOUND = "NetworkNotFound";
  public static final String FAILED_NOT_READY = "NetworkNotReady";

  private NetworkWait() {}

  /** Why the experiment cannot start on this network, or empty when the network is Ready. */
  public static Optional<String> problem(ChatExperiment experiment, ChatNetwork network) {
    String name = experiment.getSpec().getNetworkRef().getName();
    if (network == null) {
      return Optional.of(
          "network "
              + name
              + " does not exist in namespace "
              + experiment.getMetadata().getNamespace()
              + " (spec.networkRef.name)");
    }
    NetworkPhase phase = network.getStatus() == null ? null : network.getStatus().getPhase();
    if (phase == NetworkPhase.Ready) {
      return Optional.empty();
    }
    String ready =
        network.getStatus() == null
            ? null
            : readyMessage(network.getStatus().getConditions()).orElse(null);
    return Optional.of(
        "network "
            + name
            + " is "
            + (phase == null ? "not yet reconciled (no phase)" : phase)
            + (ready == null || ready.isBlank() ? "" : ": " + ready));
  }

  private static Optional<String> readyMessage(List<Condition> conditions) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream()
            .filter(c -> "Ready".equals(c.getType()))
            .map(Condition::getMessage)
            .findFirst();
  }

  /**
   * When waiting gives up: spec.networkWaitSeconds after the experiment's NetworkReady condition
   * turned False (now, when it is not False yet).
   */
  public static Instant deadline(
      ChatExperiment experiment, List<Condition> conditions, Instant now) {
    Instant since =
        conditions.stream()
            .filter(c -> CONDITION.equals(c.getType()) && "False".equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .findFirst()
            .map(t -> parse(t, now))
            .orElse(now);
    return since
        .plusSeconds(experiment.getSpec().getNetworkWaitSeconds())
        .truncatedTo(ChronoUnit.SECONDS);
  }

  /** The condition's message while waiting: the cause and the deadline with its field. */
  public static String waitingMessage(String problem, Instant deadline, int seconds) {
    return problem + "; waiting until " + deadline + " (spec.networkWaitSeconds=" + seconds + ")";
  }

  /** The Failed condition's message once the deadline passed. */
  public static String failedMessage(String problem, int seconds) {
    return problem + "; waited " + seconds + " s (spec.networkWaitSeconds)";
  }

  private static Instant parse(String time, Instant fallback) {
    try {
      return Instant.parse(time);
    } catch (RuntimeException e) {
      return fallback;
    }
  }
}
