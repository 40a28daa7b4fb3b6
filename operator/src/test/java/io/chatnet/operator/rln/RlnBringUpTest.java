package io.chatnet.operator.rln;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.RlnGroupStatus;
import io.chatnet.operator.api.RlnStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which step, which condition, what to create: given status and observed objects. */
class RlnBringUpTest {
  static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  static final String CONTRACT = RlnFixtures.CONTRACT;
  static final String TOKEN = RlnFixtures.TOKEN;
  static final String OUTPUTS = RlnFixtures.DEPLOY_OUTPUTS;

  // relay: 3 publishing, svc: 2 publishing (RlnFixtures)
  final ChatNetwork network = RlnFixtures.network("{enabled: true}");

  static Deployment chain(boolean available, Instant created) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("net-rln-chain")
        .withCreationTimestamp(created.toString())
        .endMetadata()
        .withNewStatus()
        .withAvailableReplicas(available ? 1 : null)
        .endStatus()
        .build();
  }

  static Job job(String name, String condition, Instant at, Map<String, String> annotations) {
    JobBuilder b =
        new JobBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(Map.of("chatnet.io/group", name.contains("svc") ? "svc" : "relay"))
            .withAnnotations(annotations)
            .endMetadata();
    if (condition != null) {
      b.withNewStatus()
          .addNewCondition()
          .withType(condition)
          .withStatus("True")
          .withReason(condition.equals("Failed") ? "BackoffLimitExceeded" : null)
          .withLastTransitionTime(at.toString())
          .endCondition()
          .endStatus();
    }
    return b.build();
  }

  static Job round(String group, int from, int to, String condition) {
    return job(
        "net-rln-fund-" + group + "-" + from + "-" + to,
        condition,
        NOW,
        Map.of(RlnJobs.FROM_ANNOTATION, "" + from, RlnJobs.TO_ANNOTATION, "" + to));
  }

  static RlnBringUp.Observed observed(
      Deployment chain, Job deploy, RlnDeployOutputs.Outputs outputs, List<Job> rounds) {
    return new RlnBringUp.Observed(
        Optional.ofNullable(chain),
        Optional.of("1 ImagePullBackOff (e.g. net-rln-chain-x: pull failed)"),
        Optional.ofNullable(deploy),
        Optional.ofNullable(outputs),
        rounds,
        Map.of("net-rln-deploy", "pod net-rln-deploy-x exited 1: forge script failed: revert"),
        Map.of(),
        NOW);
  }

  static RlnStatus recorded(int relayFunded, int svcFunded) {
    RlnStatus s = new RlnStatus();
    s.setContractAddress(CONTRACT);
    s.setTokenAddress(TOKEN);
    RlnGroupStatus relay = new RlnGroupStatus();
    relay.setName("relay");
    relay.setFunded(relayFunded);
    RlnGroupStatus svc = new RlnGroupStatus();
    svc.setName("svc");
    svc.setFunded(svcFunded);
    s.setGroups(new java.util.ArrayList<>(List.of(relay, svc)));
    return s;
  }

  @Test
  void theChainComesFirstAndNoGroupIsHandedOverBeforeTheContract() {
    var d = RlnBringUp.decide(network, null, observed(null, null, null, List.of()));
    assertThat(d.reason()).isEqualTo(RlnBringUp.CHAIN_STARTING);
    assertThat(d.ready()).isFalse();
    assertThat(d.failed()).isFalse();
    assertThat(d.createDeployJob()).isFalse();
    assertThat(d.binding()).isEmpty();
    assertThat(d.status().getRpcUrl()).isEqualTo("http://net-rln-chain:8545");
    assertThat(d.status().getChainId()).isEqualTo(1234L);
  }

  @Test
  void aChainNotAvailablePastItsDeadlineIsReportedWithItsPodsProblem() {
    Instant created = NOW.minus(RlnBringUp.CHAIN_DEADLINE).minusSeconds(1);
    var d =
        RlnBringUp.decide(network, null, observed(chain(false, created), null, null, List.of()));
    assertThat(d.reason()).isEqualTo(RlnBringUp.CHAIN_UNAVAILABLE);
    assertThat(d.failed()).isTrue();
    assertThat(d.message())
        .contains("net-rln-chain", "ImagePullBackOff", RlnChainManifests.ANVIL_IMAGE);
    assertThat(d.recheck()).isPresent();
    var early =
        RlnBringUp.decide(
            network, null, observed(chain(false, NOW.minusSeconds(10)), null, null, List.of()));
    assertThat(early.reason()).isEqualTo(RlnBringUp.CHAIN_STARTING);
  }

  @Test
  void anAvailableChainStartsTheDeployJobOnce() {
    var d = RlnBringUp.decide(network, null, observed(chain(true, NOW), null, null, List.of()));
    assertThat(d.reason()).isEqualTo(RlnBringUp.CONTRACT_DEPLOYING);
    assertThat(d.createDeployJob()).isTrue();
    var running =
        RlnBringUp.decide(
            network,
            null,
            observed(
                chain(true, NOW), job("net-rln-deploy", null, NOW, Map.of()), null, List.of()));
    assertThat(running.reason()).isEqualTo(RlnBringUp.CONTRACT_DEPLOYING);
    assertThat(running.createDeployJob()).isFalse();
  }

  @Test
  void theDeployJobsOutputsAreRecordedAndFundingStartsWithTheFirstPublishingGroup() {
    var d =
        RlnBringUp.decide(
            network,
            null,
            observed(
                chain(true, NOW),
                job("net-rln-deploy", "Complete", NOW, Map.of()),
                RlnDeployOutputs.parse(OUTPUTS),
                List.of()));
    assertThat(d.reason()).isEqualTo(RlnBringUp.FUNDING);
    assertThat(d.status().getContractAddress()).isEqualTo(CONTRACT);
    assertThat(d.status().getTokenAddress()).isEqualTo(TOKEN);
    assertThat(d.status().getDeployJob()).isEqualTo("net-rln-deploy");
    assertThat(d.createFundRound()).contains(new RlnFundingJob.Round("relay", 0, 2));
    // handed over at once, nothing funded yet: no publishing pod runs before its account is funded
    assertThat(d.binding().orElseThrow().fundedNodes("relay")).isZero();
    assertThat(d.binding().orElseThrow().endpoints())
        .isEqualTo(new RlnEndpoints("http://net-rln-chain:8545", CONTRACT, 1234));
  }

  @Test
  void aCompletedDeployJobWithoutItsMessageWaitsAGraceThenFails() {
    Job done = job("net-rln-deploy", "Complete", NOW.minusSeconds(5), Map.of());
    var empty = RlnDeployOutputs.parse("");
    var waiting =
        RlnBringUp.decide(network, null, observed(chain(true, NOW), done, empty, List.of()));
    assertThat(waiting.reason()).isEqualTo(RlnBringUp.CONTRACT_DEPLOYING);
    assertThat(waiting.recheck()).isPresent();
    Job late =
        job(
            "net-rln-deploy",
            "Complete",
            NOW.minus(RlnBringUp.OUTPUT_GRACE).minusSeconds(1),
            Map.of());
    var failed =
        RlnBringUp.decide(network, null, observed(chain(true, NOW), late, empty, List.of()));
    assertThat(failed.reason()).isEqualTo(RlnBringUp.STEP_FAILED);
    assertThat(failed.message()).contains("net-rln-deploy", "RLN_CONTRACT_ADDRESS missing");
    // a malformed message fails at once
    var malformed =
        RlnBringUp.decide(
            network,
            null,
            observed(chain(true, NOW), done, RlnDeployOutputs.parse("TOKEN_ADDRESS=x"), List.of()));
    assertThat(malformed.reason()).isEqualTo(RlnBringUp.STEP_FAILED);
    assertThat(malformed.message()).contains("TOKEN_ADDRESS is not an address");
    assertThat(malformed.binding()).isEmpty();
  }

  @Test
  void aFailedDeployJobNamesItsPodsTerminationMessageAndTheImage() {
    Job failedJob = job("net-rln-deploy", "Failed", NOW, Map.of());
    var d =
        RlnBringUp.decide(network, null, observed(chain(true, NOW), failedJob, null, List.of()));
    assertThat(d.reason()).isEqualTo(RlnBringUp.STEP_FAILED);
    assertThat(d.failed()).isTrue();
    assertThat(d.message())
        .contains("Job net-rln-deploy failed (BackoffLimitExceeded)", "forge script failed: revert")
        .contains("spec.rln.deployImage chatnet/rln-deploy:e75ac913");
  }

  @Test
  void aRecordedContractIsNeverDeployedAgainAndRoundsFollowEachOther() {
    // deploy Job gone, chain not even observed: the recorded address stands
    var d =
        RlnBringUp.decide(
            network,
            recorded(0, 0),
            observed(null, null, null, List.of(round("relay", 0, 2, "Complete"))));
    assertThat(d.createDeployJob()).isFalse();
    assertThat(d.reason()).isEqualTo(RlnBringUp.FUNDING);
    assertThat(d.createFundRound()).contains(new RlnFundingJob.Round("svc", 0, 1));
    assertThat(d.status().getGroups())
        .filteredOn(g -> g.getName().equals("relay"))
        .singleElement()
        .extracting(RlnGroupStatus::getFunded)
        .isEqualTo(3);
    var ready =
        RlnBringUp.decide(
            network,
            recorded(3, 0),
            observed(
                null,
                null,
                null,
                List.of(round("relay", 0, 2, "Complete"), round("svc", 0, 1, "Complete"))));
    assertThat(ready.reason()).isEqualTo(RlnBringUp.READY);
    assertThat(ready.ready()).isTrue();
    assertThat(ready.message()).contains(CONTRACT);
    assertThat(ready.binding().orElseThrow().fundedNodes()).isEqualTo(Map.of("relay", 3, "svc", 2));
  }

  @Test
  void aScaleUpFundsOnlyTheNewOrdinalsAndARunningRoundIsAwaitedNotDoubled() {
    ChatNetwork scaled = RlnFixtures.network("{enabled: true}");
    scaled.getSpec().getGroups().get(1).setReplicas(5);
    var d =
        RlnBringUp.decide(
            scaled,
            recorded(3, 2),
            observed(null, null, null, List.of(round("relay", 0, 2, "Complete"))));
    assertThat(d.createFundRound()).contains(new RlnFundingJob.Round("relay", 3, 4));
    assertThat(d.binding().orElseThrow().fundedNodes("relay")).isEqualTo(3);
    // a round for 3..3 from an earlier scale-up still runs: wait for it, create nothing
    var waiting =
        RlnBringUp.decide(
            scaled,
            recorded(3, 2),
            observed(null, null, null, List.of(round("relay", 3, 3, null))));
    assertThat(waiting.reason()).isEqualTo(RlnBringUp.FUNDING);
    assertThat(waiting.createFundRound()).isEmpty();
    assertThat(waiting.message()).contains("net-rln-fund-relay-3-3");
    var next =
        RlnBringUp.decide(
            scaled,
            recorded(3, 2),
            observed(null, null, null, List.of(round("relay", 3, 3, "Complete"))));
    assertThat(next.createFundRound()).contains(new RlnFundingJob.Round("relay", 4, 4));
  }

  @Test
  void aFailedRoundFailsTheStepAndKeepsTheFundedNodesRunning() {
    var d =
        RlnBringUp.decide(
            network,
            recorded(0, 0),
            observed(null, null, null, List.of(round("relay", 0, 2, "Failed"))));
    assertThat(d.reason()).isEqualTo(RlnBringUp.STEP_FAILED);
    assertThat(d.message()).contains("net-rln-fund-relay-0-2", "relay");
    assertThat(d.binding()).isPresent();
  }

  @Test
  void anExternalChainUsesTheSpecsContractAndIsFundedByTheUser() {
    ChatNetwork external =
        RlnFixtures.network(
            "{enabled: true, chain: {mode: external, rpcUrl: 'https://rpc.example.org',"
                + " contractAddress: '"
                + CONTRACT
                + "', chainId: 59141}}");
    var d = RlnBringUp.decide(external, null, observed(null, null, null, List.of()));
    assertThat(d.reason()).isEqualTo(RlnBringUp.READY);
    assertThat(d.createDeployJob()).isFalse();
    assertThat(d.createFundRound()).isEmpty();
    assertThat(d.binding().orElseThrow().endpoints())
        .isEqualTo(new RlnEndpoints("https://rpc.example.org", CONTRACT, 59141));
    assertThat(d.binding().orElseThrow().fundedNodes()).isEqualTo(Map.of("relay", 3, "svc", 2));
  }

  @Test
  void registeredCountsComeFromWhatWasSeenElseFromStatus() {
    RlnStatus s = recorded(3, 2);
    s.getGroups().get(0).setRegistered(1);
    List<Job> done = List.of(round("relay", 0, 2, "Complete"), round("svc", 0, 1, "Complete"));
    var kept = RlnBringUp.decide(network, s, observed(null, null, null, done));
    assertThat(kept.status().getGroups().get(0).getRegistered()).isEqualTo(1);
    var seen =
        RlnBringUp.decide(
            network,
            s,
            new RlnBringUp.Observed(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                done,
                Map.of(),
                Map.of("relay", 3),
                NOW));
    assertThat(seen.status().getGroups().get(0).getRegistered()).isEqualTo(3);
    assertThat(seen.message()).contains("relay 3/3");
  }
}
