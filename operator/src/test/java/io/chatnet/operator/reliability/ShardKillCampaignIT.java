package io.chatnet.operator.reliability;

import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.awaitPhase;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.experiment;
import static io.chatnet.operator.reconciler.ChatExperimentLifecycleTest.readyNetwork;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Crds;
import io.chatnet.operator.InProcessOperator;
import io.chatnet.operator.ShardPods;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.PartialShard;
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
 * from then on. The operator stays up (the fault is the shard's): after each trial the experiment
 * Succeeded, ever had one Job, kept both shards' figures, and named the killed shard with the share
 * it covered, within 1% of what the kill instant implies. The test plays kubelet (the shards' pods
 * ask for more CPU than any node has and wait unscheduled). One trial in `make test`;
 * chatnet.reliability.trials and .seed as for the other cases.
 */
@LocalClusterTest
class ShardKillCampaignIT {
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
      List<String> violations = trial(client, ns, "sk" + trial, trial % 2, delay);
      System.out.printf(
          Locale.ROOT,
          "reliability trial: %s\t%d\t%d\tkill after %d ms\t%s%n",
          CASE,
          trial,
          SETTINGS.seed(),
          delay.toMillis(),
          violations.isEmpty() ? "held" : String.join("; ", violations));
      for (String v : violations) {
        failures.add("trial " + trial + " (seed " + SETTINGS.seed() + "): " + v);
      }
    }
    assertThat(failures).isEmpty();
  }

  List<String> trial(
      KubernetesClient client, TestNamespace ns, String name, int killed, Duration delay)
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
    ShardPods.terminate(client, ns.name(), first.getMetadata().getName(), 137, "Error", "");
    Pod retry = LoadGeneratorFaultsTest.shardPods(client, ns, name, killed, 2).get(1);
    ShardPods.terminate(
        client,
        ns.name(),
        retry.getMetadata().getName(),
        0,
        "Completed",
        LoadGeneratorFaultsTest.summary(name, killed, killAt, end));

    ChatExperiment done = awaitPhase(client, ns, name, ExperimentPhase.Succeeded);
    List<String> violations = new ArrayList<>();
    double expected =
        delay.toMillis() <= 1000 ? 1 : 1 - delay.toMillis() / (WINDOW_SECONDS * 1000.0);
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
    if (Math.abs(shards.getCoveredShare() - (1 + expected) / 2) > 0.01) {
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
    client.resource(done).delete();
    return violations;
  }
}
