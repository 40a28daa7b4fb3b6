package io.chatnet.operator.reliability;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the kubelet for a campaign's operator replicas: each replica is a pod with a fixed leader
 * identity (the pod name, HOSTNAME, which a container restart keeps); when its process exits, the
 * exit and its code are recorded and a new process with the same identity is started after a delay
 * that doubles with each exit of that pod within a minute (a scaled-down CrashLoopBackOff: the
 * kubelet's starts at 10 s and doubles to 5 min, too slow for a trial).
 */
final class ReplicaSupervisor implements AutoCloseable {
  /** One container exit: the pod (identity), the process's number in the campaign, its code. */
  record Exit(String identity, int process, int code, Instant at) {}

  /** One pod: its identity and the process running in it now, since when. */
  private static final class Pod {
    final String identity;
    volatile OperatorProcess process;
    volatile Instant started;
    Instant restartAt;

    Pod(String identity, OperatorProcess process) {
      this.identity = identity;
      this.process = process;
      this.started = Instant.now();
    }
  }

  private final Campaign campaign;
  private final Duration firstDelay;
  private final String identityProperty;
  private final List<Pod> pods = new ArrayList<>();
  private final List<Exit> exits = new CopyOnWriteArrayList<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

  /**
   * Supervises {@code processes} (already started by {@code campaign}), named by {@code
   * identities}; a restart passes {@code identityProperty}=identity so it keeps its pod's name.
   */
  ReplicaSupervisor(
      Campaign campaign,
      String identityProperty,
      List<String> identities,
      List<OperatorProcess> processes,
      Duration firstDelay) {
    this.campaign = campaign;
    this.identityProperty = identityProperty;
    this.firstDelay = firstDelay;
    for (int i = 0; i < identities.size(); i++) {
      pods.add(new Pod(identities.get(i), processes.get(i)));
    }
    loop.scheduleWithFixedDelay(this::tick, 200, 200, TimeUnit.MILLISECONDS);
  }

  private synchronized void tick() {
    Instant now = Instant.now();
    for (Pod pod : pods) {
      try {
        if (pod.restartAt == null && !pod.process.alive()) {
          exits.add(new Exit(pod.identity, pod.process.number(), pod.process.exitCode(), now));
          long recent =
              exits.stream()
                  .filter(e -> e.identity().equals(pod.identity))
                  .filter(e -> e.at().isAfter(now.minus(Duration.ofMinutes(1))))
                  .count();
          pod.restartAt = now.plus(firstDelay.multipliedBy(1L << Math.min(4, recent - 1)));
        } else if (pod.restartAt != null && !now.isBefore(pod.restartAt)) {
          pod.process = campaign.newOperator(List.of("-D" + identityProperty + "=" + pod.identity));
          pod.started = Instant.now();
          pod.restartAt = null;
        }
      } catch (IOException | RuntimeException e) {
        failures.add(pod.identity + ": " + e);
      }
    }
  }

  /** The process in the pod named {@code identity} now (a restart replaces it). */
  synchronized Optional<OperatorProcess> process(String identity) {
    return pods.stream().filter(p -> p.identity.equals(identity)).map(p -> p.process).findFirst();
  }

  /** When the pod's current process was started. */
  synchronized Instant started(String identity) {
    return pods.stream()
        .filter(p -> p.identity.equals(identity))
        .map(p -> p.started)
        .findFirst()
        .orElseThrow();
  }

  synchronized List<String> identities() {
    return pods.stream().map(p -> p.identity).toList();
  }

  /** Container exits at or after {@code since}. */
  List<Exit> exitsSince(Instant since) {
    return exits.stream().filter(e -> !e.at().isBefore(since)).toList();
  }

  /** Restarts that could not be made (the process would not start). */
  List<String> failures() {
    return List.copyOf(failures);
  }

  /** Waits until every pod's process answers its readiness probe (none waiting for a restart). */
  void awaitAllReady(Duration within) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    for (String identity : identities()) {
      while (process(identity).map(p -> !p.alive()).orElse(true)) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError(identity + " not running after " + within);
        }
        Thread.sleep(200);
      }
      process(identity).orElseThrow().awaitReady(Duration.between(Instant.now(), deadline));
    }
  }

  /** Stops supervising, then kills every process (none is restarted any more). */
  @Override
  public void close() throws InterruptedException {
    loop.shutdownNow();
    loop.awaitTermination(10, TimeUnit.SECONDS);
    for (Pod pod : pods) {
      pod.process.kill();
    }
  }
}
