package io.chatnet.operator.reliability;

import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.awaitPhase;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.experiment;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.readyNetwork;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.AuditLog;
import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.ShardPods;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.PartialShard;
import io.chatnet.testkit.LocalCluster;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fault campaign's load generator case (issue 15): a shard's pod killed (exit 137, no summary)
 * at a random instant of the measured window drawn from the campaign's seed, its retry measuring
 * from then on. The operator stays up (the fault is the shard's): each trial converges once the
 * experiment is Succeeded, ever had one Job, kept both shards' figures, and named the killed shard
 * with the share it covered, within 1% of what the kill instant implies; then the operator writes
 * nothing to it over the quiet interval. Each trial is a {@link TrialRecord} (case {@value #CASE};
 * state at kill: the window instant and the covered share; time from the kill until converged), so
 * `make bench-reliability` tabulates it with the other cases. The test plays kubelet (the shards'
 * pods ask for more CPU than any node has and wait unscheduled); the network is a small fixed one
 * whatever the campaign's size (the shard's fault does not scale with it). One trial in `make
 * test`; chatnet.reliability.trials, .seed, .converge-seconds and .quiet-seconds as for the other
 * cases.
 */
@LocalClusterTest
class ShardKillFaultCampaignIT {
  static final CampaignSettings SETTINGS = CampaignSettings.fromEnvironment();
  static final String CASE = "loadgen-shard-kill";
  static final int WINDOW_SECONDS = 10;
  static InProcessOperator operator;
  static ExperimentHistory history;

  @BeforeAll
  static void start(KubernetesClient client, TestNamespace ns) {
    Crds.install(client);
    operator = InProcessOperator.start(ns.name(), Duration.ofSeconds(2));
    history = new ExperimentHistory(client, ns.name());
    readyNetwork(client, ns, "lab");
  }

  @AfterAll
  static void stop() {
    if (history != null) {
      history.close();
    }
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void killedShardsAreRetriedNamedAndTheirResultsKept(KubernetesClient client, TestNamespace ns)
      throws Exception {
    KillSchedule schedule = new KillSchedule(SETTINGS.seed());
    List<String> failures = new ArrayList<>();
    for (int trial = 0; trial < SETTINGS.trials(); trial++) {
      Duration delay = schedule.delay(CASE, trial, Duration.ofSeconds(WINDOW_SECONDS - 1));
      TrialRecord record = trial(client, ns, "sk" + trial, trial, trial % 2, delay).append();
      if (!record.passed()) {
        failures.add("trial " + trial + " (seed " + SETTINGS.seed() + "): " + record.line());
      }
    }
    assertThat(failures).isEmpty();
  }

  /** One trial: shard {@code killed} of experiment {@code name} killed {@code delay} into it. */
  TrialRecord trial(
      KubernetesClient client, TestNamespace ns, String name, int trial, int killed, Duration delay)
      throws Exception {
    ChatExperiment e = experiment(ns, name, "lab", "");
    e.getSpec().setDurationSeconds(WINDOW_SECONDS);
    e.getSpec()
        .getLoadGenerator()
        .setResources(
            new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("4000")).build());
    client.resource(e).create();
    Instant start =
        Instant.parse(
            awaitPhase(client, ns, name, ExperimentPhase.Preparing).getStatus().getPlannedStart());
    Instant end = start.plusSeconds(WINDOW_SECONDS);
    Instant killAt = start.plus(delay);
    int other = 1 - killed;
    Pod whole = LoadGeneratorFaultsTest.shardPods(client, ns, name, other, 1).get(0);
    ShardPods.terminate(
        client,
        ns.name(),
        whole.getMetadata().getName(),
        0,
        "Completed",
        LoadGeneratorFaultsTest.summary(name, other, start, end));
    Pod first = LoadGeneratorFaultsTest.shardPods(client, ns, name, killed, 1).get(0);
    while (Instant.now().isBefore(killAt)) {
      Thread.sleep(Math.min(200, Math.max(1, Duration.between(Instant.now(), killAt).toMillis())));
    }
    String phase = phase(client, ns, name);
    ShardPods.terminate(client, ns.name(), first.getMetadata().getName(), 137, "Error", "");
    Instant killedAt = Instant.now();
    Pod retry = LoadGeneratorFaultsTest.shardPods(client, ns, name, killed, 2).get(1);
    ShardPods.terminate(
        client,
        ns.name(),
        retry.getMetadata().getName(),
        0,
        "Completed",
        LoadGeneratorFaultsTest.summary(name, killed, killAt, end));

    double expected =
        delay.toMillis() <= 1000 ? 1 : 1 - delay.toMillis() / (WINDOW_SECONDS * 1000.0);
    // Succeeded and Failed are final: poll until one of them (or the deadline), then judge
    Instant deadline = killedAt.plus(SETTINGS.convergeWithin());
    ChatExperiment seen = get(client, ns, name);
    while (!finished(seen) && Instant.now().isBefore(deadline)) {
      Thread.sleep(Campaign.POLL.toMillis());
      seen = get(client, ns, name);
    }
    Instant at = Instant.now();
    List<String> violations =
        finished(seen)
            ? violations(seen, name, killed, first, expected)
            : List.of("not finished within " + SETTINGS.convergeWithin() + ": " + phaseOf(seen));
    boolean converged = violations.isEmpty();
    int writes = 0;
    List<String> all = new ArrayList<>(violations);
    if (converged) {
      List<AuditLog.Write> quiet = quietWrites(name, at);
      writes = quiet.size();
      quiet.forEach(w -> all.add("write after convergence: " + w));
    }
    String state =
        String.format(
            Locale.ROOT,
            "%s at window +%d ms of %d s; shard %d killed, covered %s (results %s)",
            phase,
            delay.toMillis(),
            WINDOW_SECONDS,
            killed,
            coveredShare(seen, killed),
            seen == null || seen.getStatus() == null || seen.getStatus().getShards() == null
                ? "-"
                : share(seen.getStatus().getShards().getCoveredShare()));
    if (seen != null) {
      client.resource(seen).delete();
    }
    return new TrialRecord(
        CASE,
        trial,
        SETTINGS.seed(),
        delay.toMillis(),
        state,
        converged,
        Duration.between(killedAt, at).toMillis(),
        writes,
        all);
  }

  /** What does not hold for a finished experiment whose shard {@code killed} was killed. */
  static List<String> violations(
      ChatExperiment done, String name, int killed, Pod first, double expected) {
    List<String> violations = new ArrayList<>();
    if (done.getStatus().getPhase() != ExperimentPhase.Succeeded) {
      violations.add("phase " + done.getStatus().getPhase() + ", not Succeeded");
      return violations;
    }
    var shards = done.getStatus().getShards();
    List<PartialShard> named = shards.getPartialShards();
    if (named.size() != 1 || named.get(0).getIndex() != killed) {
      violations.add("partial shards " + named + ", expected shard " + killed);
    } else {
      PartialShard p = named.get(0);
      if (Math.abs(p.getCoveredShare() - expected) > 0.01) {
        violations.add("covered share " + p.getCoveredShare() + ", expected " + expected);
      }
      if (!p.getFailedAttempts().contains(first.getMetadata().getName() + ": exit code 137")) {
        violations.add("failed attempts " + p.getFailedAttempts());
      }
    }
    if (shards.getCoveredShare() == null
        || Math.abs(shards.getCoveredShare() - (1 + expected) / 2) > 0.01) {
      violations.add("covered share " + shards.getCoveredShare());
    }
    if (done.getStatus().getResults().getOneToOne().getSent() != 120) {
      violations.add("sent " + done.getStatus().getResults().getOneToOne().getSent());
    }
    String verdict = expected < 1 ? "Incomplete" : "Passed";
    if (!verdict.equals(done.getStatus().getVerdict().getResult())) {
      violations.add("verdict " + done.getStatus().getVerdict().getResult() + ", not " + verdict);
    }
    if (history.created("Job", name + "-loadgen") != 1) {
      violations.add("Jobs created: " + history.created("Job", name + "-loadgen"));
    }
    return violations;
  }

  /** The in-process operator's writes to the experiment and its children over the quiet time. */
  static List<AuditLog.Write> quietWrites(String name, Instant from) throws InterruptedException {
    Thread.sleep(SETTINGS.quiet().toMillis()); // an interval to count over, not a wait for a state
    return new AuditLog(LocalCluster.get().auditLog().orElseThrow())
        .writesBy(InProcessOperator.USER_AGENT, from).stream()
            .filter(w -> Campaign.family(w, name))
            .toList();
  }

  private static ChatExperiment get(KubernetesClient client, TestNamespace ns, String name) {
    return client.resources(ChatExperiment.class).inNamespace(ns.name()).withName(name).get();
  }

  private static boolean finished(ChatExperiment e) {
    return e != null
        && e.getStatus() != null
        && (e.getStatus().getPhase() == ExperimentPhase.Succeeded
            || e.getStatus().getPhase() == ExperimentPhase.Failed);
  }

  private static String phaseOf(ChatExperiment e) {
    return e == null
        ? "absent"
        : e.getStatus() == null ? "no status" : e.getStatus().getPhase() + "";
  }

  private static String phase(KubernetesClient client, TestNamespace ns, String name) {
    return phaseOf(get(client, ns, name));
  }

  /** The killed shard's covered share as status says it, or "-" when it is not named. */
  private static String coveredShare(ChatExperiment e, int killed) {
    if (e == null || e.getStatus() == null || e.getStatus().getShards() == null) {
      return "-";
    }
    return e.getStatus().getShards().getPartialShards().stream()
        .filter(p -> p.getIndex() == killed)
        .findFirst()
        .map(p -> share(p.getCoveredShare()))
        .orElse("whole window (not partial)");
  }

  private static String share(Double share) {
    return share == null ? "-" : String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
