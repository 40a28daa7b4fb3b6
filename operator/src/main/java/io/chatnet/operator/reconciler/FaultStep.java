package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentFault;
import io.chatnet.operator.api.FaultType;
import io.chatnet.operator.experiment.ExperimentTimeline;
import io.chatnet.operator.experiment.FaultInjector;
import io.chatnet.operator.status.Conditions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** ChatExperimentReconciler's act stage for faults during a run (spec.faults). */
final class FaultStep {
  private final KubernetesClient client;
  private final Clock clock;

  FaultStep(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Applies faults whose time has come, once each; returns the wait until the next one. */
  Duration injectDue(
      ChatExperiment experiment,
      ChatNetwork network,
      ChatExperimentStatus status,
      Instant start,
      Instant now,
      WriteRefusals.Round refused) {
    List<ExperimentFault> faults = experiment.getSpec().getFaults();
    Duration next = Duration.ofDays(1);
    FaultInjector injector = new FaultInjector(client);
    boolean chaosNeeded = faults.stream().anyMatch(f -> f.getType() != FaultType.POD_KILL);
    boolean chaos = chaosNeeded && injector.chaosMeshAvailable();
    if (chaosNeeded && !chaos) {
      Conditions.upsert(
          status.getConditions(),
          "FaultsAvailable",
          false,
          "ChaosMeshNotInstalled",
          "network faults (delay, loss, partition) need Chaos Mesh's NetworkChaos, which this cluster does not serve; they are skipped",
          clock.instant());
    } else if (!faults.isEmpty()) {
      Conditions.upsert(
          status.getConditions(),
          "FaultsAvailable",
          true,
          "Available",
          "every fault type in the spec can be applied",
          clock.instant());
    }
    for (int i = status.getFaultLog().size(); i < faults.size(); i++) {
      ExperimentFault fault = faults.get(i);
      // atSeconds counts from the traffic's start: after any contact-request and idle phases.
      Instant due =
          ExperimentTimeline.of(experiment.getSpec(), start)
              .trafficFrom()
              .plusSeconds(fault.getAtSeconds());
      if (now.isBefore(due)) {
        Duration untilDue = Duration.between(now, due);
        return next.compareTo(untilDue) <= 0 ? next : untilDue;
      }
      if (fault.getType() != FaultType.POD_KILL && !chaos) {
        status
            .getFaultLog()
            .add(i + ": " + fault.getType() + " skipped: Chaos Mesh is not installed");
      } else {
        try {
          status.getFaultLog().add(injector.apply(experiment, network, i));
        } catch (KubernetesClientException e) {
          HasMetadata target =
              new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                  .withKind(fault.getType() == FaultType.POD_KILL ? "Pod" : "NetworkChaos")
                  .withNewMetadata()
                  .withName(
                      fault.getType() == FaultType.POD_KILL
                          ? experiment.getSpec().getNetworkRef().getName()
                              + "-"
                              + fault.getGroup()
                              + "-*"
                          : FaultInjector.chaosName(experiment, i))
                  .endMetadata()
                  .build();
          refused.refusedAt(target, "spec.faults[" + i + "]", e);
          status
              .getFaultLog()
              .add(i + ": " + fault.getType() + " refused (HTTP " + e.getCode() + ")");
        }
      }
    }
    return next;
  }
}
