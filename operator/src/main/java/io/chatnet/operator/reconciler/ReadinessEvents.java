package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatNetworkStatus;
import io.chatnet.operator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.Optional;

/** The Warning event of a network that passes its readiness deadline short of its thresholds. */
final class ReadinessEvents {
  private ReadinessEvents() {}

  /**
   * Records the event once per stall: when Progressing turns to ProgressDeadlineExceeded, and again
   * only when the stall's causes change (not their counts), so an event written before the pods'
   * causes were known (not yet created, not yet scheduled) is followed by one that names them.
   */
  static void deadline(
      ChatNetwork network,
      ChatNetworkStatus previous,
      ChatNetworkStatus status,
      EventRecorder events) {
    Optional<Condition> now = progressing(status);
    if (now.isEmpty() || !NetworkStatusCalculator.DEADLINE_EXCEEDED.equals(now.get().getReason())) {
      return;
    }
    boolean already =
        progressing(previous)
            .filter(c -> NetworkStatusCalculator.DEADLINE_EXCEEDED.equals(c.getReason()))
            .map(c -> causes(c.getMessage()).equals(causes(now.get().getMessage())))
            .orElse(false);
    if (!already) {
      // The API server keeps event messages short; the condition keeps the whole text.
      String message = now.get().getMessage();
      events.warning(
          network,
          NetworkStatusCalculator.DEADLINE_EXCEEDED,
          message.length() <= 1000 ? message : message.substring(0, 997) + "...");
    }
  }

  /** The message without its numbers (counts, pod ordinals): what changes when causes change. */
  static String causes(String message) {
    return message == null ? "" : message.replaceAll("[0-9]+", "#");
  }

  private static Optional<Condition> progressing(ChatNetworkStatus status) {
    if (status == null || status.getConditions() == null) {
      return Optional.empty();
    }
    return status.getConditions().stream()
        .filter(c -> NetworkStatusCalculator.PROGRESSING.equals(c.getType()))
        .findFirst();
  }
}
