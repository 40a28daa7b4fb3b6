package io.chatnet.operator.rln;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.RlnChainMode;
import io.chatnet.operator.api.RlnGroupStatus;
import io.chatnet.operator.api.RlnSpec;
import io.chatnet.operator.api.RlnStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which bring-up step an RLN network is at, from what status recorded and what the cluster shows
 * (pure). In order: chain Deployment available (in-network), contract deploy Job's outputs
 * recorded, every publishing ordinal funded (one funding Job at a time, all from the deployer
 * account, named by its range). Recorded facts are never re-derived: addresses come from status
 * once there, a funded count only grows when the Job for exactly the next range completed.
 */
public final class RlnBringUp {
  public static final String CHAIN_STARTING = "RlnChainStarting";
  public static final String CHAIN_UNAVAILABLE = "RlnChainUnavailable";
  public static final String CONTRACT_DEPLOYING = "RlnContractDeploying";
  public static final String FUNDING = "RlnFunding";
  public static final String READY = "RlnReady";
  public static final String STEP_FAILED = "RlnStepFailed";

  /** How long the chain may take to be available before it is reported (image pull included). */
  public static final Duration CHAIN_DEADLINE = Duration.ofMinutes(5);

  /**
   * How long a completed deploy Job may show no termination message before that is a failure. The
   * kubelet writes message and terminated state together; this covers a status written in two steps
   * (kwok completes Job pods, a test then writes the message).
   */
  public static final Duration OUTPUT_GRACE = Duration.ofSeconds(30);

  /**
   * What the cluster shows. deployOutputs: the deploy Job's pod's outputs, read only while the Job
   * has finished and the addresses are not recorded; chainProblem: why the chain pod is not
   * available (from its pod), read only past the deadline; failures: per failed Job, its pod and
   * that pod's termination message (what the script said went wrong).
   */
  public record Observed(
      Optional<Deployment> chain,
      Optional<String> chainProblem,
      Optional<Job> deployJob,
      Optional<RlnDeployOutputs.Outputs> deployOutputs,
      List<Job> fundJobs,
      Map<String, String> failures,
      Map<String, Integer> registered,
      Instant now) {}

  /**
   * The step reached: condition reason and message, whether it failed or is done, the status to
   * record, what to create now (deploy Job, one funding round) and the binding for node builders
   * (present once the contract is known, with the funded counts recorded so far).
   */
  public record Decision(
      String reason,
      String message,
      boolean ready,
      boolean failed,
      RlnStatus status,
      boolean createDeployJob,
      Optional<RlnFundingJob.Round> createFundRound,
      Optional<RlnBinding> binding,
      Optional<Duration> recheck) {}

  private RlnBringUp() {}

  public static Decision decide(ChatNetwork network, RlnStatus previous, Observed observed) {
    RlnSpec rln = network.getSpec().getRln();
    RlnStatus status = copy(previous);
    boolean inNetwork = rln.getChain().getMode() == RlnChainMode.IN_NETWORK;
    status.setRpcUrl(inNetwork ? RlnChainManifests.rpcUrl(network) : rln.getChain().getRpcUrl());
    status.setChainId(RlnChainManifests.chainId(network));
    RlnDecisions out = new RlnDecisions(status);
    if (!inNetwork) {
      // external: the spec names the contract; its accounts are funded by the user (docs/rln.md)
      status.setContractAddress(rln.getChain().getContractAddress());
      for (NodeGroup g : publishing(network)) {
        group(status, g.getName()).setFunded(g.getReplicas());
      }
    }
    if (status.getContractAddress() == null) {
      Optional<Decision> waiting = chainOrContract(network, status, observed, out);
      if (waiting.isPresent()) {
        return waiting.get();
      }
    }
    for (NodeGroup g : publishing(network)) {
      group(status, g.getName())
          .setRegistered(
              observed
                  .registered()
                  .getOrDefault(g.getName(), group(status, g.getName()).getRegistered()));
    }
    Optional<Decision> funding = funding(network, status, observed, out);
    if (funding.isPresent()) {
      return funding.get();
    }
    return out.done(
        "contract "
            + status.getContractAddress()
            + " on chain "
            + status.getChainId()
            + " at "
            + status.getRpcUrl()
            + "; funded/registered per group: "
            + counts(status),
        binding(network, status));
  }

  private static Optional<Decision> chainOrContract(
      ChatNetwork network, RlnStatus status, Observed observed, RlnDecisions out) {
    String chain = RlnChainManifests.name(network);
    if (!RlnJobState.available(observed.chain())) {
      Instant created =
          observed
              .chain()
              .map(d -> d.getMetadata().getCreationTimestamp())
              .map(Instant::parse)
              .orElse(observed.now());
      if (Duration.between(created, observed.now()).compareTo(CHAIN_DEADLINE) > 0) {
        return Optional.of(
            out.failedAfter(
                CHAIN_UNAVAILABLE,
                "Deployment "
                    + chain
                    + " has no available replica after "
                    + CHAIN_DEADLINE.toSeconds()
                    + " s: "
                    + observed.chainProblem().orElse("no pod seen")
                    + " (image "
                    + RlnChainManifests.ANVIL_IMAGE
                    + ")",
                Duration.ofSeconds(30)));
      }
      return Optional.of(
          out.progress(
              CHAIN_STARTING,
              "waiting for Deployment " + chain + " (anvil) to have an available replica",
              false,
              Optional.of(Duration.between(observed.now(), created.plus(CHAIN_DEADLINE)))));
    }
    String jobName = RlnDeployJob.name(network);
    if (observed.deployJob().isEmpty()) {
      return Optional.of(
          out.progress(
              CONTRACT_DEPLOYING,
              "chain up; Job " + jobName + " deploys token and RLN contract",
              true,
              Optional.empty()));
    }
    Job job = observed.deployJob().get();
    Optional<JobCondition> failed = RlnJobState.condition(job, "Failed");
    if (failed.isPresent()) {
      return Optional.of(
          out.failed(
              STEP_FAILED,
              "Job "
                  + jobName
                  + " failed ("
                  + failed.get().getReason()
                  + "): "
                  + observed.failures().getOrDefault(jobName, "no pod seen")
                  + "; spec.rln.deployImage "
                  + RlnDeployJob.image(network.getSpec().getRln()),
              Optional.empty()));
    }
    Optional<JobCondition> complete = RlnJobState.condition(job, "Complete");
    if (complete.isEmpty()) {
      return Optional.of(
          out.progress(
              CONTRACT_DEPLOYING,
              "Job " + jobName + " deploys token and RLN contract",
              false,
              Optional.empty()));
    }
    RlnDeployOutputs.Outputs outputs =
        observed.deployOutputs().orElse(new RlnDeployOutputs.Outputs(Map.of(), List.of("no pod")));
    if (!outputs.complete()) {
      Instant done =
          Optional.ofNullable(complete.get().getLastTransitionTime())
              .map(Instant::parse)
              .orElse(observed.now());
      boolean silent =
          outputs.problems().stream().allMatch(p -> p.endsWith(" missing") || p.equals("no pod"))
              && outputs.problems().size() >= RlnDeployOutputs.KEYS.size();
      if (silent && Duration.between(done, observed.now()).compareTo(OUTPUT_GRACE) < 0) {
        return Optional.of(
            out.progress(
                CONTRACT_DEPLOYING,
                "Job " + jobName + " completed; reading its termination message",
                false,
                Optional.of(Duration.ofSeconds(2))));
      }
      return Optional.of(
          out.failed(
              STEP_FAILED,
              "Job "
                  + jobName
                  + " completed but its termination message does not hold the addresses: "
                  + String.join("; ", outputs.problems()),
              Optional.empty()));
    }
    status.setContractAddress(outputs.addresses().get("RLN_CONTRACT_ADDRESS"));
    status.setTokenAddress(outputs.addresses().get("TOKEN_ADDRESS"));
    status.setDeployJob(jobName);
    return Optional.empty();
  }

  private static Optional<Decision> funding(
      ChatNetwork network, RlnStatus status, Observed observed, RlnDecisions out) {
    for (NodeGroup g : publishing(network)) {
      RlnGroupStatus gs = group(status, g.getName());
      while (gs.getFunded() < g.getReplicas()) {
        Optional<Job> round =
            RlnJobState.roundFrom(observed.fundJobs(), g.getName(), gs.getFunded());
        if (round.isEmpty()) {
          RlnFundingJob.Round next =
              new RlnFundingJob.Round(g.getName(), gs.getFunded(), g.getReplicas() - 1);
          return Optional.of(
              out.funding(
                  "Job "
                      + RlnFundingJob.name(network, next)
                      + " funds ordinals "
                      + next.from()
                      + ".."
                      + next.to()
                      + " of group "
                      + g.getName(),
                  next,
                  binding(network, status)));
        }
        Job job = round.get();
        String name = job.getMetadata().getName();
        if (RlnJobState.condition(job, "Failed").isPresent()) {
          return Optional.of(
              out.failed(
                  STEP_FAILED,
                  "Job "
                      + name
                      + " failed ("
                      + RlnJobState.condition(job, "Failed").get().getReason()
                      + ") funding group "
                      + g.getName()
                      + ": "
                      + observed.failures().getOrDefault(name, "no pod seen"),
                  binding(network, status)));
        }
        if (RlnJobState.condition(job, "Complete").isEmpty()) {
          return Optional.of(
              out.funding(
                  "Job "
                      + name
                      + " funds ordinals "
                      + RlnJobState.range(job)
                      + " of group "
                      + g.getName(),
                  null,
                  binding(network, status)));
        }
        gs.setFunded(RlnJobState.to(job) + 1);
      }
    }
    return Optional.empty();
  }

  /** Relay and service groups whose nodes hold memberships, in spec order. */
  public static List<NodeGroup> publishing(ChatNetwork network) {
    return network.getSpec().getGroups().stream()
        .filter(g -> RlnArgs.publishes(network.getSpec().getRln(), g))
        .toList();
  }

  private static Optional<RlnBinding> binding(ChatNetwork network, RlnStatus status) {
    Map<String, Integer> funded = new LinkedHashMap<>();
    status.getGroups().forEach(g -> funded.put(g.getName(), g.getFunded()));
    return Optional.of(
        new RlnBinding(
            new RlnEndpoints(status.getRpcUrl(), status.getContractAddress(), status.getChainId()),
            funded));
  }

  private static RlnGroupStatus group(RlnStatus status, String name) {
    for (RlnGroupStatus g : status.getGroups()) {
      if (name.equals(g.getName())) {
        return g;
      }
    }
    RlnGroupStatus g = new RlnGroupStatus();
    g.setName(name);
    status.getGroups().add(g);
    return g;
  }

  private static String counts(RlnStatus status) {
    return String.join(
        ", ",
        status.getGroups().stream()
            .map(g -> g.getName() + " " + g.getFunded() + "/" + g.getRegistered())
            .toList());
  }

  private static RlnStatus copy(RlnStatus previous) {
    RlnStatus s = new RlnStatus();
    if (previous == null) {
      return s;
    }
    s.setRpcUrl(previous.getRpcUrl());
    s.setChainId(previous.getChainId());
    s.setContractAddress(previous.getContractAddress());
    s.setTokenAddress(previous.getTokenAddress());
    s.setDeployJob(previous.getDeployJob());
    for (RlnGroupStatus g : previous.getGroups()) {
      RlnGroupStatus c = new RlnGroupStatus();
      c.setName(g.getName());
      c.setFunded(g.getFunded());
      c.setRegistered(g.getRegistered());
      s.getGroups().add(c);
    }
    return s;
  }
}
