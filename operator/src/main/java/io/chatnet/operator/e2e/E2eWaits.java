package io.chatnet.operator.e2e;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatNetworkStatus;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.experiment.ExperimentTimeline;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * E2eCheck's bounded waits in its namespace: the applied network Ready, the applied experiment
 * finished with its report stored, any other condition it polls for. Each says what it sees when it
 * changes and, when it gives up or the object failed, the conditions that say why.
 */
final class E2eWaits {
  private final PrintStream out;
  private final String namespace;
  private final Duration poll;

  E2eWaits(PrintStream out, String namespace, Duration poll) {
    this.out = out;
    this.namespace = namespace;
    this.poll = poll;
  }

  Optional<ChatNetwork> networkReady(
      KubernetesClient client, ChatNetwork manifest, Duration networkTimeout)
      throws InterruptedException {
    String name = apply(client, manifest);
    say("applied network " + name + "; waiting up to " + networkTimeout + " for Ready");
    Instant deadline = Instant.now().plus(networkTimeout);
    String last = "";
    ChatNetwork live = null;
    while (Instant.now().isBefore(deadline)) {
      live = client.resources(ChatNetwork.class).inNamespace(namespace).withName(name).get();
      // An empty status (phase unset) is no status: the operator has not written one.
      ChatNetworkStatus status =
          live == null || live.getStatus() == null || live.getStatus().getPhase() == null
              ? null
              : live.getStatus();
      String now =
          status == null
              ? "no status yet"
              : status.getPhase()
                  + ", "
                  + Objects.requireNonNullElse(status.getReady(), "?")
                  + " ready";
      if (!now.equals(last)) {
        say("network " + name + ": " + now);
        last = now;
      }
      if (status != null && status.getPhase() == NetworkPhase.Ready) {
        return Optional.of(live);
      }
      if (status != null && status.getPhase() == NetworkPhase.Failed) {
        say("network " + name + " failed:");
        printConditions(status.getConditions());
        return Optional.empty();
      }
      Thread.sleep(poll.toMillis());
    }
    say("network " + name + " not Ready after " + networkTimeout + ":");
    if (live == null || live.getStatus() == null || live.getStatus().getPhase() == null) {
      out.println(
          "  it has no status: is the chatnet operator running and watching namespace "
              + namespace
              + "?");
    } else {
      printConditions(live.getStatus().getConditions());
      live.getStatus()
          .getGroups()
          .forEach(
              g ->
                  out.println(
                      "  group "
                          + g.getName()
                          + ": "
                          + g.getReadyReplicas()
                          + "/"
                          + g.getReplicas()
                          + " ready"
                          + (g.getState() == null ? "" : ", " + g.getState())));
    }
    return Optional.empty();
  }

  Optional<ChatExperiment> experimentFinished(
      KubernetesClient client, ChatExperiment manifest, Duration experimentMargin)
      throws InterruptedException {
    String name = apply(client, manifest);
    var spec = manifest.getSpec();
    Duration timeout =
        Duration.ofSeconds(
                (long) spec.getSetupSeconds()
                    + ExperimentTimeline.phaseSeconds(spec)
                    + spec.getWarmupSeconds()
                    + spec.getDurationSeconds())
            .plus(experimentMargin);
    say("applied experiment " + name + "; waiting up to " + timeout + " for it to finish");
    Instant deadline = Instant.now().plus(timeout);
    String last = "";
    ChatExperiment live = null;
    while (Instant.now().isBefore(deadline)) {
      live = client.resources(ChatExperiment.class).inNamespace(namespace).withName(name).get();
      ChatExperimentStatus status = live == null ? null : live.getStatus();
      ExperimentPhase phase = status == null ? null : status.getPhase();
      String now = phase == null ? "no status yet" : phase.name();
      if (!now.equals(last)) {
        say("experiment " + name + ": " + now);
        last = now;
      }
      if (phase == ExperimentPhase.Succeeded || phase == ExperimentPhase.Failed) {
        return Optional.of(withReport(client, live));
      }
      Thread.sleep(poll.toMillis());
    }
    say("experiment " + name + " not finished after " + timeout + ":");
    if (live != null && live.getStatus() != null) {
      printConditions(live.getStatus().getConditions());
    }
    return Optional.empty();
  }

  /** The report is written just after the experiment finishes: wait for it a little (bounded). */
  private ChatExperiment withReport(KubernetesClient client, ChatExperiment finished)
      throws InterruptedException {
    String name = finished.getMetadata().getName();
    ChatExperiment withReport =
        waitFor(
            () -> {
              ChatExperiment e =
                  client
                      .resources(ChatExperiment.class)
                      .inNamespace(namespace)
                      .withName(name)
                      .get();
              boolean reported =
                  e != null
                      && e.getStatus() != null
                      && e.getStatus().getConditions().stream()
                          .anyMatch(c -> "ReportStored".equals(c.getType()));
              return reported ? e : null;
            },
            Duration.ofSeconds(60),
            "the report of experiment " + name);
    return withReport != null ? withReport : finished;
  }

  <T> T waitFor(Supplier<T> probe, Duration timeout, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      T value = probe.get();
      if (value != null) {
        return value;
      }
      if (Instant.now().isAfter(deadline)) {
        say("gave up waiting for " + what + " after " + timeout);
        return null;
      }
      Thread.sleep(poll.toMillis());
    }
  }

  private void printConditions(List<Condition> conditions) {
    if (conditions.isEmpty()) {
      out.println("  no conditions");
    }
    for (Condition c : conditions) {
      out.println(
          "  " + c.getType() + "=" + c.getStatus() + " " + c.getReason() + ": " + c.getMessage());
    }
  }

  /** Applies {@code manifest} in the namespace (server-side, as the check's field manager). */
  private String apply(KubernetesClient client, HasMetadata manifest) {
    manifest.getMetadata().setNamespace(namespace);
    client
        .resource(manifest)
        .fieldManager(E2eCheck.FIELD_MANAGER)
        .forceConflicts()
        .serverSideApply();
    return manifest.getMetadata().getName();
  }

  private void say(String line) {
    out.println("make e2e: " + line);
  }
}
