package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a sweep point's network has failed at the spec the point gave it, so the point is
 * recorded Failed and the sweep goes on instead of waiting for a network that will not become Ready
 * at that spec (a refused RLN or invalid spec, a write the API server keeps refusing). A network
 * must have been Failed for {@link #GRACE} first: a refusal that clears by itself (a quota freed)
 * does not cost the point. Pure.
 */
final class SweepNetworkFailure {
  static final Duration GRACE = Duration.ofSeconds(30);

  private SweepNetworkFailure() {}

  /** The network's failure, as a point's message, or empty while it may still become Ready. */
  static Optional<String> of(ChatNetwork network, Instant now) {
    if (network == null
        || network.getStatus() == null
        || network.getStatus().getPhase() != NetworkPhase.Failed
        || !Objects.equals(
            network.getStatus().getObservedGeneration(), network.getMetadata().getGeneration())) {
      return Optional.empty();
    }
    Optional<Condition> ready =
        Conditions.find(network.getStatus().getConditions(), NetworkStatusCalculator.READY);
    Instant since =
        ready
            .map(Condition::getLastTransitionTime)
            .filter(Objects::nonNull)
            .map(Instant::parse)
            .orElse(null);
    if (since == null || Duration.between(since, now).compareTo(GRACE) < 0) {
      return Optional.empty();
    }
    String why = ready.map(c -> c.getReason() + ": " + c.getMessage()).orElse("no reason given");
    return Optional.of(
        "network "
            + network.getMetadata().getName()
            + " Failed at this point's spec since "
            + since
            + " ("
            + why
            + "); no experiment was created");
  }
}
