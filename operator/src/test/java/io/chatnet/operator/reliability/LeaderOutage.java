package io.chatnet.operator.reliability;

import io.chatnet.operator.AuditLog;
import io.chatnet.operator.reliability.ControlPlane.Component;
import io.chatnet.operator.reliability.ReplicaSupervisor.Exit;
import io.chatnet.testkit.LocalCluster;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An API server outage with leader election on, as a campaign's fault: the API server is SIGKILLed,
 * left down for {@code pause} (longer than the renew deadline, so the leader cannot renew) and
 * started again; {@link ReplicaSupervisor} restarts whichever operator process exits meanwhile. It
 * is over once a replica holds the Lease again (renewed after the API server is back); that
 * replica's process becomes the one the campaign checks. What happened is kept for the record (who
 * led, who exited with what code, who leads now and how soon) with what did not hold: the leader
 * not exiting with 1 (JOSDK's exitOnStopLeading: LeaderElectionManager.stopLeading, 5.3.2), or no
 * holder within {@code holderWithin}.
 */
final class LeaderOutage implements Campaign.Fault {
  /** What ApiOutages logs when the API server answers after an outage its process lived through. */
  static final String OUTAGE_LOGGED = "the API server answered again after";

  private final KubernetesClient client;
  private final TestNamespace ns;
  private final String lease;
  private final Campaign campaign;
  private final ReplicaSupervisor replicas;
  private final Duration pause;
  private final Duration holderWithin;
  private final List<String> violations = new ArrayList<>();
  private String described = "";
  private OperatorProcess holder;
  private OperatorProcess formerLeader;
  private Instant takeover;
  private ControlPlane.Outage outage;

  /** The API server outage injected, once injected. */
  ControlPlane.Outage outage() {
    return outage;
  }

  LeaderOutage(
      KubernetesClient client,
      TestNamespace ns,
      String lease,
      Campaign campaign,
      ReplicaSupervisor replicas,
      Duration pause,
      Duration holderWithin) {
    this.client = client;
    this.ns = ns;
    this.lease = lease;
    this.campaign = campaign;
    this.replicas = replicas;
    this.pause = pause;
    this.holderWithin = holderWithin;
  }

  /** The Lease's holder, if it renewed (or took) the Lease after {@code after}. */
  static Optional<String> holder(
      KubernetesClient client, TestNamespace ns, String lease, Instant after) {
    Lease live = client.resources(Lease.class).inNamespace(ns.name()).withName(lease).get();
    return Optional.ofNullable(live)
        .map(Lease::getSpec)
        .filter(s -> s.getRenewTime() != null && s.getRenewTime().toInstant().isAfter(after))
        .map(s -> s.getHolderIdentity())
        .filter(h -> h != null && !h.isBlank());
  }

  @Override
  public Instant inject() throws Exception {
    String leader = holder(client, ns, lease, Instant.EPOCH).orElseThrow();
    OperatorProcess leading = replicas.process(leader).orElseThrow();
    ControlPlane.Outage outage = ControlPlane.restart(Component.APISERVER, pause);
    this.outage = outage;
    Instant back = Instant.now();
    Optional<String> now = Optional.empty();
    while (now.isEmpty() && Instant.now().isBefore(back.plus(holderWithin))) {
      Thread.sleep(Campaign.POLL.toMillis());
      try {
        now = holder(client, ns, lease, back);
      } catch (KubernetesClientException e) {
        // the API server is up but may not serve everything yet: the next poll asks again
      }
    }
    Duration took = Duration.between(back, Instant.now());
    if (now.isEmpty()) {
      violations.add("no Lease holder within " + holderWithin + " after the API server was back");
      described =
          outage + "; no Lease holder " + took.toMillis() + " ms after the API server was back";
      return outage.killed();
    }
    holder = replicas.process(now.get()).orElseThrow();
    campaign.adopt(holder);
    String lead;
    if (holder == leading) {
      // its renew request outlasted the outage (the client retries it) and then went through
      lead = "leader " + leader + " kept the Lease";
    } else {
      // when it was seen taken (the Lease's acquireTime is the new holder's clock when its
      // attempt began, which may be during the outage)
      takeover = Instant.now();
      // it exits once one of its requests gets an answer; the supervisor records that
      Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
      while (exitOf(leading).isEmpty() && Instant.now().isBefore(giveUp)) {
        Thread.sleep(Campaign.POLL.toMillis());
      }
      formerLeader = leading;
      lead =
          "leader "
              + leader
              + " lost the Lease (seen "
              + Duration.between(outage.killed(), takeover).toMillis()
              + " ms after the kill)";
      if (exitOf(leading).map(e -> e.code() != 1).orElse(true)) {
        violations.add("leader " + leader + " did not exit with 1 when it lost the Lease");
      }
    }
    List<Exit> exits = replicas.exitsSince(outage.killed());
    described =
        outage
            + "; "
            + lead
            + "; "
            + replicas.identities().stream()
                .map(i -> i + " " + exitsOf(i, exits, outage.killed()))
                .collect(Collectors.joining(", "))
            + "; Lease held by "
            + now.get()
            + " (process "
            + holder.number()
            + (sawOutage() ? ", saw the outage" : ", saw no outage")
            + ") "
            + took.toMillis()
            + " ms after the API server was back";
    return outage.killed();
  }

  private Optional<Exit> exitOf(OperatorProcess process) {
    return replicas.exitsSince(Instant.EPOCH).stream()
        .filter(e -> e.process() == process.number())
        .findFirst();
  }

  private static String exitsOf(String identity, List<Exit> exits, Instant killed) {
    List<String> of =
        exits.stream()
            .filter(e -> e.identity().equals(identity))
            .map(
                e ->
                    "exited "
                        + e.code()
                        + " after "
                        + Duration.between(killed, e.at()).toMillis()
                        + " ms")
            .toList();
    return of.isEmpty() ? "kept running" : String.join(", ", of);
  }

  /** Whether the process that leads now lived through the outage (and must show it). */
  boolean sawOutage() {
    try {
      return holder != null && Files.readString(holder.log()).contains(OUTAGE_LOGGED);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * What did not hold of the outage itself: a holder in time, the former leader's exit with 1, and
   * no write by it after another took the Lease (two leaders at once).
   */
  @Override
  public List<String> violations() {
    List<String> all = new ArrayList<>(violations);
    if (formerLeader != null) {
      List<AuditLog.Write> late =
          new AuditLog(LocalCluster.get().auditLog().orElseThrow())
              .writesBy(OperatorProcess.agent(formerLeader.number()), takeover).stream()
                  .filter(w -> !w.resource().equals("leases"))
                  .toList();
      late.forEach(w -> all.add("write by the former leader after the takeover: " + w));
    }
    return all;
  }

  @Override
  public String describe() {
    return described;
  }
}
