package io.chatnet.operator.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Crds;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's fourth case: two operator processes with leader election on (as the chart's two
 * replicas, LeaderElectionIT's settings), an experiment in Running or Analyzing, and the leader
 * killed (SIGKILL) at a random instant. The standby must take the Lease and finish the experiment
 * to the same invariants as after a single operator's SIGKILL: the start instant kept, exactly one
 * Job, one plan and one report ever, results written once, then no writes. The time from the kill
 * to the standby holding the Lease is recorded with each trial; a new standby is started after each
 * takeover, so every trial begins with two replicas.
 */
@LocalClusterTest
class LeaderFailoverCampaignIT {
  static final CampaignSettings SETTINGS = CampaignSettings.fromEnvironment();
  static final String LEASE = "chatnet-failover";
  static final Duration LEASE_DURATION = Duration.ofSeconds(10);
  static final Duration RENEW = Duration.ofSeconds(7);
  static final Duration RETRY = Duration.ofSeconds(2);
  static Campaign campaign;
  static final List<OperatorProcess> replicas = new ArrayList<>();

  static String identity(int n) {
    return "replica-" + n;
  }

  @BeforeAll
  static void start(KubernetesClient client, TestNamespace ns) throws Exception {
    Crds.install(client);
    campaign =
        Campaign.start(
            "leader-failover", ns.name(), SETTINGS, n -> election(ns, LEASE, identity(n)));
    replicas.add(campaign.operator());
    Campaign.awaitClean(
        () -> holder(client, ns).isPresent() ? List.of() : List.of("no Lease holder yet"),
        Duration.ofMinutes(2));
    replicas.add(campaign.newOperator().awaitReady(Duration.ofMinutes(3)));
    ExperimentStage.setUp(client, ns, SETTINGS);
  }

  @AfterAll
  static void stop(KubernetesClient client) throws Exception {
    ExperimentStage.tearDown(client);
    for (OperatorProcess p : replicas) {
      p.kill();
    }
  }

  /** An operator process's leader election properties: this campaign's Lease and timings. */
  static List<String> election(TestNamespace ns, String lease, String identity) {
    return List.of(
        "-Dchatnet.leader-election.enabled=true",
        "-Dchatnet.leader-election.lease-name=" + lease,
        "-Dchatnet.leader-election.lease-namespace=" + ns.name(),
        "-Dchatnet.leader-election.identity=" + identity,
        "-Dchatnet.leader-election.lease-duration=" + LEASE_DURATION,
        "-Dchatnet.leader-election.renew-deadline=" + RENEW,
        "-Dchatnet.leader-election.retry-period=" + RETRY);
  }

  static Optional<String> holder(KubernetesClient client, TestNamespace ns) {
    Lease lease = client.resources(Lease.class).inNamespace(ns.name()).withName(LEASE).get();
    return Optional.ofNullable(lease)
        .map(l -> l.getSpec().getHolderIdentity())
        .filter(h -> !h.isBlank());
  }

  /** SIGKILL the replica holding the Lease; done once another holds it and a new standby is up. */
  static Campaign.Fault failover(KubernetesClient client, TestNamespace ns) {
    return new Campaign.Fault() {
      String described = "";

      @Override
      public Instant inject() throws Exception {
        String leader = holder(client, ns).orElseThrow();
        OperatorProcess killed =
            replicas.stream()
                .filter(p -> identity(p.number()).equals(leader))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no replica named " + leader));
        killed.kill();
        Instant at = Instant.now();
        replicas.remove(killed);
        OperatorProcess survivor = replicas.get(0);
        campaign.adopt(survivor);
        Campaign.awaitClean(
            () ->
                holder(client, ns).equals(Optional.of(identity(survivor.number())))
                    ? List.of()
                    : List.of("Lease held by " + holder(client, ns)),
            Duration.ofMinutes(2));
        Duration takeover = Duration.between(at, Instant.now());
        described =
            leader
                + " killed, "
                + identity(survivor.number())
                + " took over after "
                + takeover.toMillis()
                + " ms";
        // the next trial starts with two replicas again; this one joins as the standby
        replicas.add(standby());
        return at;
      }

      @Override
      public String describe() {
        return described;
      }
    };
  }

  static OperatorProcess standby() throws IOException {
    return campaign.newOperator();
  }

  void phase(KubernetesClient client, TestNamespace ns, ExperimentPhase phase) throws Exception {
    String campaignCase = "leader-failover-" + phase.name().toLowerCase();
    List<TrialRecord> records = new ArrayList<>();
    for (int i = 0; i < SETTINGS.trials(); i++) {
      for (OperatorProcess p : replicas) {
        p.awaitReady(Duration.ofMinutes(3)); // both replicas up before the next kill
      }
      records.add(
          campaign.run(
              campaignCase,
              i,
              Duration.ofSeconds(ExperimentFaultCampaignIT.phaseSeconds()).minusSeconds(1),
              new ExperimentFaultCampaignIT()
              .new PhaseTrial(
                  client, ns, "lf" + phase.name().substring(0, 2).toLowerCase() + i, phase),
              failover(client, ns)));
    }
    NetworkFaultCampaignIT.assertAllPassed(records);
    assertThat(records)
        .as("each trial records the takeover")
        .allMatch(r -> r.stateAtKill().contains("took over after"));
  }

  @Test
  void leaderKilledWhileRunning(KubernetesClient client, TestNamespace ns) throws Exception {
    phase(client, ns, ExperimentPhase.Running);
  }

  @Test
  void leaderKilledWhileAnalyzing(KubernetesClient client, TestNamespace ns) throws Exception {
    phase(client, ns, ExperimentPhase.Analyzing);
  }
}
