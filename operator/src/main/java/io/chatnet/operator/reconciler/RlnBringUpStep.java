package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatNetworkStatus;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.RlnChainMode;
import io.chatnet.operator.api.RlnStatus;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.network.NodeKeySecrets;
import io.chatnet.operator.network.RlnAccountSecrets;
import io.chatnet.operator.rln.RlnBinding;
import io.chatnet.operator.rln.RlnBringUp;
import io.chatnet.operator.rln.RlnChainManifests;
import io.chatnet.operator.rln.RlnDeployJob;
import io.chatnet.operator.rln.RlnDeployOutputs;
import io.chatnet.operator.rln.RlnFundingJob;
import io.chatnet.operator.rln.RlnJobState;
import io.chatnet.operator.rln.RlnJobs;
import io.chatnet.operator.status.Conditions;
import io.chatnet.operator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The network reconciler's RLN bring-up (rln/RlnBringUp decides): applies the chain, the deployer
 * Secret and the Jobs the decision asks for, reads what the pure decision needs from the cluster
 * (the chain pod's trouble past its deadline, a finished Job's termination message, registered
 * keystores while registration is incomplete: each listed only then), and writes condition RlnReady
 * plus status.rln. Until the contract is known no group is applied; after, the node builders get
 * the binding with the funded counts recorded so far.
 */
final class RlnBringUpStep {
  private final KubernetesClient client;
  private final Clock clock;
  private final RlnRegistrations registrations;

  RlnBringUpStep(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.registrations = new RlnRegistrations(client);
  }

  /** What the step leaves the rest of the reconcile: whether groups wait, the binding, status. */
  record Outcome(Optional<RlnBringUp.Decision> decision, Optional<Duration> registrationLook) {
    static final Outcome NONE = new Outcome(Optional.empty(), Optional.empty());

    /** An RLN network whose contract is not known yet: no group is applied. */
    boolean holdsGroups() {
      return decision.isPresent() && decision.get().binding().isEmpty();
    }

    Optional<RlnBinding> binding() {
      return decision.flatMap(RlnBringUp.Decision::binding);
    }

    /** The decision's own re-look, else the next look at registration while incomplete. */
    Optional<Duration> recheck() {
      return decision.flatMap(RlnBringUp.Decision::recheck).or(() -> registrationLook);
    }

    /** status.rln, condition RlnReady, and on a failed step phase Failed with Ready naming it. */
    ChatNetworkStatus annotate(ChatNetworkStatus status, ChatNetwork network, Instant now) {
      if (decision.isEmpty()) {
        return status;
      }
      RlnBringUp.Decision d = decision.get();
      status.setRln(d.status());
      List<Condition> previous =
          network.getStatus() == null ? null : network.getStatus().getConditions();
      List<Condition> conditions = new ArrayList<>(status.getConditions());
      if (d.failed()) {
        status.setPhase(NetworkPhase.Failed);
        replace(
            conditions,
            Conditions.of(
                previous, NetworkStatusCalculator.READY, false, d.reason(), d.message(), now));
        replace(
            conditions,
            Conditions.of(
                previous,
                NetworkStatusCalculator.PROGRESSING,
                false,
                d.reason(),
                d.message(),
                now));
      } else if (!d.ready()) {
        replace(
            conditions,
            Conditions.of(
                previous, NetworkStatusCalculator.PROGRESSING, true, d.reason(), d.message(), now));
      }
      replace(
          conditions,
          Conditions.of(previous, RlnStep.RLN_READY, d.ready(), d.reason(), d.message(), now));
      status.setConditions(conditions);
      return status;
    }

    private static void replace(List<Condition> conditions, Condition next) {
      for (int i = 0; i < conditions.size(); i++) {
        if (next.getType().equals(conditions.get(i).getType())) {
          conditions.set(i, next);
          return;
        }
      }
      conditions.add(next);
    }
  }

  Outcome run(
      ChatNetwork network, Context<ChatNetwork> context, Applier applier, EventRecorder events) {
    if (network.getSpec().getRln() == null || !network.getSpec().getRln().isEnabled()) {
      return Outcome.NONE;
    }
    String name = network.getMetadata().getName();
    boolean inNetwork = network.getSpec().getRln().getChain().getMode() == RlnChainMode.IN_NETWORK;
    Map<String, Deployment> deployments = ours(context, Deployment.class, name);
    Map<String, Job> jobs = ours(context, Job.class, name);
    if (inNetwork) {
      applier.apply(
          network,
          RlnJobs.deployerSecret(network),
          Optional.ofNullable(
              context.getSecondaryResources(Secret.class).stream()
                  .filter(
                      s -> s.getMetadata().getName().equals(RlnJobs.deployerSecretName(network)))
                  .findFirst()
                  .orElse(null)));
      Deployment chain = RlnChainManifests.deployment(network);
      applier.apply(
          network, chain, Optional.ofNullable(deployments.get(chain.getMetadata().getName())));
      Service service = RlnChainManifests.service(network);
      applier.apply(
          network,
          service,
          context.getSecondaryResources(Service.class).stream()
              .filter(s -> s.getMetadata().getName().equals(service.getMetadata().getName()))
              .findFirst());
    }
    RlnStatus previous = network.getStatus() == null ? null : network.getStatus().getRln();
    Instant now = clock.instant();
    Optional<Deployment> chain =
        Optional.ofNullable(deployments.get(RlnChainManifests.name(network)));
    Optional<Job> deployJob = Optional.ofNullable(jobs.get(RlnDeployJob.name(network)));
    boolean contractKnown = previous != null && previous.getContractAddress() != null;
    Optional<String> chainProblem =
        !inNetwork || contractKnown || chainFine(chain, now)
            ? Optional.empty()
            : Optional.of(chainProblem(network));
    Map<String, String> failures = new HashMap<>();
    Optional<RlnDeployOutputs.Outputs> outputs = Optional.empty();
    if (!contractKnown && deployJob.isPresent() && RlnJobState.finished(deployJob.get())) {
      Optional<Pod> pod = lastPod(network, RlnDeployJob.name(network));
      outputs = pod.map(p -> RlnDeployOutputs.of(p, RlnJobs.CONTAINER));
      pod.ifPresent(p -> failures.put(RlnDeployJob.name(network), describe(p)));
    }
    List<Job> fundJobs =
        jobs.values().stream()
            .filter(j -> "fund".equals(j.getMetadata().getLabels().get(RlnJobs.RLN_LABEL)))
            .toList();
    for (Job j : fundJobs) {
      if (RlnJobState.failed(j)) {
        lastPod(network, j.getMetadata().getName())
            .ifPresent(p -> failures.put(j.getMetadata().getName(), describe(p)));
      }
    }
    Map<String, Integer> registered = registrations.registered(network, previous, now);
    RlnBringUp.Decision decision =
        RlnBringUp.decide(
            network,
            previous,
            new RlnBringUp.Observed(
                chain, chainProblem, deployJob, outputs, fundJobs, failures, registered, now));
    if (decision.createDeployJob() && deployJob.isEmpty()) {
      applier.apply(network, RlnDeployJob.build(network), Optional.empty());
    }
    decision
        .createFundRound()
        .ifPresent(
            round ->
                applier.apply(
                    network,
                    RlnFundingJob.build(
                        network,
                        round,
                        decision.binding().orElseThrow().endpoints(),
                        decision.status().getTokenAddress(),
                        accountSecrets(network, round)),
                    Optional.ofNullable(jobs.get(RlnFundingJob.name(network, round)))));
    record(network, decision, events);
    Optional<Duration> look =
        RlnRegistrations.incomplete(network, decision.status()) && decision.binding().isPresent()
            ? Optional.of(RlnRegistrations.REGISTRATION_LOOK)
            : Optional.empty();
    return new Outcome(Optional.of(decision), look);
  }

  /** A Normal event per step reached; a Warning for a failure the phase change does not report. */
  private static void record(ChatNetwork network, RlnBringUp.Decision d, EventRecorder events) {
    ChatNetworkStatus before = network.getStatus();
    Optional<Condition> was =
        Conditions.find(before == null ? null : before.getConditions(), RlnStep.RLN_READY);
    if (was.isPresent() && d.reason().equals(was.get().getReason())) {
      return;
    }
    if (!d.failed()) {
      events.normal(network, d.reason(), d.message());
    } else if (before != null && before.getPhase() == NetworkPhase.Failed) {
      // already Failed (another step): no phase change will write this one
      events.warning(network, d.reason(), d.message());
    }
  }

  private List<String> accountSecrets(ChatNetwork network, RlnFundingJob.Round round) {
    NodeGroup group =
        network.getSpec().getGroups().stream()
            .filter(g -> g.getName().equals(round.group()))
            .findFirst()
            .orElseThrow();
    List<String> names = new ArrayList<>();
    for (int chunk = round.from() / NodeKeySecrets.KEYS_PER_SECRET;
        chunk <= round.to() / NodeKeySecrets.KEYS_PER_SECRET;
        chunk++) {
      names.add(RlnAccountSecrets.name(network, group, chunk));
    }
    return names;
  }

  private static boolean chainFine(Optional<Deployment> chain, Instant now) {
    if (RlnJobState.available(chain)) {
      return true;
    }
    Instant created =
        chain.map(d -> Instant.parse(d.getMetadata().getCreationTimestamp())).orElse(now);
    return Duration.between(created, now).compareTo(RlnBringUp.CHAIN_DEADLINE) <= 0;
  }

  /** Why the chain pod is not available, as the stall diagnosis says it for groups. */
  private String chainProblem(ChatNetwork network) {
    List<Pod> pods =
        client
            .pods()
            .inNamespace(network.getMetadata().getNamespace())
            .withLabel(Labels.NETWORK, network.getMetadata().getName())
            .withLabel(RlnJobs.RLN_LABEL, "chain")
            .list()
            .getItems();
    return GroupDiagnosis.of(RlnChainManifests.name(network), 1, pods, List.of()).summary();
  }

  /** Forgets the registration looks of networks not in {@code live} (NetworkMemos prunes). */
  void retain(java.util.Set<ResourceID> live) {
    registrations.retain(live);
  }

  int size() {
    return registrations.size();
  }

  private Optional<Pod> lastPod(ChatNetwork network, String job) {
    return client
        .pods()
        .inNamespace(network.getMetadata().getNamespace())
        .withLabel("job-name", job)
        .list()
        .getItems()
        .stream()
        .max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp()));
  }

  /** "pod P: <termination message>" of the Job's container, or its state when it left none. */
  private static String describe(Pod pod) {
    String name = pod.getMetadata().getName();
    if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
      for (ContainerStatus s : pod.getStatus().getContainerStatuses()) {
        if (RlnJobs.CONTAINER.equals(s.getName())
            && s.getState() != null
            && s.getState().getTerminated() != null) {
          var t = s.getState().getTerminated();
          String message = t.getMessage() == null ? "" : t.getMessage().strip();
          return "pod "
              + name
              + " exited "
              + t.getExitCode()
              + (message.isEmpty() ? " without a termination message" : ": " + cut(message));
        }
      }
    }
    return "pod " + name + " has not terminated";
  }

  private static String cut(String message) {
    return message.length() <= 400 ? message : message.substring(0, 400) + "...";
  }

  private static <R extends HasMetadata> Map<String, R> ours(
      Context<ChatNetwork> context, Class<R> type, String network) {
    Map<String, R> byName = new HashMap<>();
    for (R r : context.getSecondaryResources(type)) {
      Map<String, String> labels = r.getMetadata().getLabels();
      if (labels != null
          && network.equals(labels.get(Labels.NETWORK))
          && labels.containsKey(RlnJobs.RLN_LABEL)) {
        byName.put(r.getMetadata().getName(), r);
      }
    }
    return byName;
  }
}
