package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.status.Conditions;
import io.chatnet.operator.status.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;

/**
 * Says so when a start instant was fixed again ({@link ExperimentStep#startMissed}): condition
 * StartRefixed and a Warning event naming the missed start and the new one.
 */
final class MissedStart {
  static final String CONDITION = "StartRefixed";

  private MissedStart() {}

  static void note(
      KubernetesClient client,
      ChatExperiment experiment,
      ChatExperimentStatus status,
      Instant missed,
      Instant start,
      Instant now) {
    if (missed == null) {
      return;
    }
    String message =
        "the operator stopped after writing the plan (start "
            + missed
            + ") and before creating the load generator Job, and was back only after that start;"
            + " no shard had read the plan, so the run starts at "
            + start
            + " with its whole window (spec.setupSeconds from now)";
    Conditions.upsert(status.getConditions(), CONDITION, true, "StartMissed", message, now);
    new EventRecorder(client).warning(experiment, "StartMissed", message);
  }
}
