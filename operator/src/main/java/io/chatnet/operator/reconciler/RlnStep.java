package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatNetworkStatus;
import io.chatnet.operator.rln.RlnGate;
import io.chatnet.operator.status.Conditions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The network reconciler's RLN step: a refused RLN network gets the invalid-spec status (phase
 * Failed, Ready, Progressing and SpecValid False) with the refusal's reason, plus condition
 * RlnReady False with the same reason and message; the phase change writes the Warning event.
 */
final class RlnStep {
  static final String RLN_READY = "RlnReady";

  private RlnStep() {}

  static Optional<ChatNetworkStatus> refused(
      ChatNetwork network, NetworkStatusCalculator statusCalculator, Clock clock) {
    Optional<RlnGate.Refusal> refusal = RlnGate.check(network.getSpec());
    if (refusal.isEmpty()) {
      return Optional.empty();
    }
    String reason = refusal.get().reason();
    String message = refusal.get().message();
    ChatNetworkStatus status = statusCalculator.invalid(network, reason, message);
    List<io.fabric8.kubernetes.api.model.Condition> conditions =
        new ArrayList<>(status.getConditions());
    List<io.fabric8.kubernetes.api.model.Condition> previous =
        network.getStatus() == null ? null : network.getStatus().getConditions();
    conditions.add(Conditions.of(previous, RLN_READY, false, reason, message, clock.instant()));
    status.setConditions(conditions);
    return Optional.of(status);
  }
}
