package io.chatnet.operator.preflight;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatNetworkStatus;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.api.Preflight;
import io.chatnet.operator.api.PreflightCheck;
import io.chatnet.operator.config.BuildDefaults;
import io.chatnet.operator.naming.Names;
import io.chatnet.operator.status.Conditions;
import io.chatnet.operator.status.EventRecorder;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The ChatNetwork reconciler's preflight: before groups are created or pods added, checks the added
 * pods against the namespace's Pod Security level, its ResourceQuotas and the nodes' free capacity,
 * and says so in condition Preflight. A refused network creates nothing and is checked again every
 * {@link #RECHECK} (capacity can appear, a quota can be raised). Cluster reads (namespace, nodes,
 * all pods) happen only while pods are being added and not yet checked for this generation: a Ready
 * network costs nothing. A read the operator is not allowed (a namespace-scoped install cannot read
 * nodes or namespaces) makes that check unknown, noted in the message, never a refusal.
 */
public final class PreflightStep {
  private static final Logger LOG = Logger.getLogger(PreflightStep.class);

  public static final String CONDITION = "Preflight";
  public static final String PASSED = "Passed";
  public static final String SKIPPED = "Skipped";
  public static final String NOTHING_TO_ADD = "NothingToAdd";
  public static final String PASSED_EVENT = "PreflightPassed";

  /** How often a refused network is checked again. */
  public static final Duration RECHECK = Duration.ofSeconds(20);

  private final KubernetesClient client;
  private final BuildDefaults defaults;
  private final Clock clock;

  public PreflightStep(KubernetesClient client, BuildDefaults defaults, Clock clock) {
    this.client = client;
    this.defaults = defaults;
    this.clock = clock;
  }

  /** The step's verdict: the condition to show, and whether the network must wait. */
  public record Outcome(Condition condition, boolean blocks, Set<String> groupsNotCreated) {
    /** Adds the condition to a status computed by the reconciler. */
    public ChatNetworkStatus annotate(ChatNetworkStatus status) {
      List<Condition> conditions = new ArrayList<>(status.getConditions());
      conditions.removeIf(c -> CONDITION.equals(c.getType()));
      conditions.add(condition);
      status.setConditions(conditions);
      return status;
    }

    /** The status of a refused network: Pending, not progressing, the condition saying why. */
    public ChatNetworkStatus hold(ChatNetworkStatus status) {
      status.setPhase(NetworkPhase.Pending);
      status.setReadyTime(null);
      for (Condition c : status.getConditions()) {
        if ("Progressing".equals(c.getType())) {
          c.setStatus("False");
          c.setReason(condition.getReason());
          c.setMessage("waiting for preflight: see condition " + CONDITION);
        }
      }
      // Groups the preflight keeps from being created wait; they are not starting.
      status.getGroups().stream()
          .filter(g -> groupsNotCreated.contains(g.getName()))
          .forEach(g -> g.setState("Waiting"));
      return annotate(status);
    }
  }

  public Outcome run(
      ChatNetwork network,
      Map<String, StatefulSet> statefulSets,
      Map<String, ?> services,
      Map<String, ?> secrets,
      Map<String, ?> configMaps,
      EventRecorder events) {
    Condition previous = previous(network);
    long generation = Objects.requireNonNullElse(network.getMetadata().getGeneration(), 0L);
    int added = NetworkDemand.addedPods(network, statefulSets);
    if (added == 0) {
      if (previous != null && "True".equals(previous.getStatus())) {
        return new Outcome(previous, false, Set.of());
      }
      return outcome(
          network,
          statefulSets,
          previous,
          events,
          true,
          NOTHING_TO_ADD,
          "every group's StatefulSet already has its replicas: nothing to check");
    }
    if (previous != null
        && "True".equals(previous.getStatus())
        && PASSED.equals(previous.getReason())
        && Objects.equals(previous.getObservedGeneration(), generation)) {
      // Checked for this generation already: later stages are being created, not re-decided.
      return new Outcome(previous, false, Set.of());
    }
    Preflight settings =
        network.getSpec().getPreflight() == null
            ? new Preflight()
            : network.getSpec().getPreflight();
    if (settings.isSkip()) {
      return outcome(
          network,
          statefulSets,
          previous,
          events,
          true,
          SKIPPED,
          "spec.preflight.skip is true: capacity, ResourceQuotas and Pod Security were not"
              + " checked before adding "
              + added
              + " pods");
    }

    String namespace = network.getMetadata().getNamespace();
    Set<String> existing = new HashSet<>();
    existing.addAll(services.keySet());
    existing.addAll(secrets.keySet());
    existing.addAll(configMaps.keySet());
    List<GroupDemand> demands = NetworkDemand.of(network, statefulSets, existing, defaults);
    List<Finding> findings = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> summaries = new ArrayList<>();

    if (settings.runs(PreflightCheck.POD_SECURITY)) {
      Optional<Namespace> ns =
          read(
              notes,
              "Pod Security level unknown: the operator may not get namespace " + namespace,
              () -> client.namespaces().withName(namespace).get());
      if (ns.isPresent()) {
        PodSecurityCheck.Policy policy =
            PodSecurityCheck.Policy.of(ns.get().getMetadata().getLabels());
        List<Finding> security = PodSecurityCheck.findings(namespace, policy, demands);
        findings.addAll(security);
        if (security.isEmpty()) {
          summaries.add(
              policy.labelled()
                  ? "Pod Security: namespace enforces "
                      + policy.describe()
                      + ", the pod templates comply"
                  : "Pod Security: " + policy.describe());
        }
      }
    } else {
      notes.add("podSecurity skipped (spec.preflight.skipChecks)");
    }

    List<LimitRange> limitRanges =
        read(
                notes,
                "LimitRanges unknown: the operator may not list them in " + namespace,
                () -> client.limitRanges().inNamespace(namespace).list().getItems())
            .orElse(List.of());

    if (settings.runs(PreflightCheck.QUOTA)) {
      Optional<List<ResourceQuota>> quotas =
          read(
              notes,
              "quota unknown: the operator may not list ResourceQuotas in " + namespace,
              () -> client.resourceQuotas().inNamespace(namespace).list().getItems());
      if (quotas.isPresent()) {
        QuotaCheck.Result result =
            QuotaCheck.check(
                quotas.get(),
                demands,
                limitRanges,
                !configMaps.containsKey(Names.networkConfig(network)));
        findings.addAll(result.findings());
        if (result.findings().isEmpty()) {
          summaries.add(result.summary());
        }
      }
    } else {
      notes.add("quota skipped (spec.preflight.skipChecks)");
    }

    Map<String, ResourceAmounts> predicted = Map.of();
    if (settings.getCapacityModel() != null && settings.runs(PreflightCheck.CAPACITY_MODEL)) {
      predicted =
          CapacityModelSource.check(
              settings.getCapacityModel(),
              network.getSpec().getGroups(),
              demands,
              limitRanges,
              name -> client.configMaps().inNamespace(namespace).withName(name).get(),
              findings,
              notes,
              summaries);
    }

    if (settings.runs(PreflightCheck.CAPACITY)) {
      String unknown =
          "capacity unknown: the operator may not list nodes and pods cluster-wide (a"
              + " namespace-scoped install; the chart grants it with watch.scope=cluster)";
      Optional<List<Node>> nodes = read(notes, unknown, () -> client.nodes().list().getItems());
      Optional<List<Pod>> pods =
          nodes.isEmpty()
              ? Optional.empty()
              : read(
                  notes,
                  unknown,
                  () ->
                      client
                          .pods()
                          .inAnyNamespace()
                          .withoutField("status.phase", "Succeeded")
                          .withoutField("status.phase", "Failed")
                          .list()
                          .getItems());
      if (nodes.isPresent() && pods.isPresent()) {
        CapacityCheck.Result result =
            CapacityCheck.check(nodes.get(), pods.get(), demands, limitRanges, predicted);
        result.finding().ifPresent(findings::add);
        if (result.finding().isEmpty()) {
          summaries.add(result.summary());
        }
      }
    } else {
      notes.add("capacity skipped (spec.preflight.skipChecks)");
    }

    if (!findings.isEmpty()) {
      StringBuilder message = new StringBuilder(findings.get(0).message());
      for (Finding more : findings.subList(1, findings.size())) {
        message.append(" ALSO ").append(more.reason()).append(": ").append(more.message());
      }
      if (!notes.isEmpty()) {
        message.append(" (").append(String.join("; ", notes)).append(")");
      }
      return outcome(
          network,
          statefulSets,
          previous,
          events,
          false,
          findings.get(0).reason(),
          message.toString());
    }
    List<String> parts = new ArrayList<>(summaries);
    parts.addAll(notes);
    return outcome(
        network,
        statefulSets,
        previous,
        events,
        true,
        PASSED,
        added + " pods to add; " + String.join("; ", parts));
  }

  /** A read that may be forbidden: then the note says so and the check is skipped. */
  private static <T> Optional<T> read(List<String> notes, String unknown, Supplier<T> read) {
    try {
      return Optional.ofNullable(read.get());
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        if (!notes.contains(unknown)) {
          notes.add(unknown);
        }
        return Optional.empty();
      }
      throw e;
    }
  }

  private Outcome outcome(
      ChatNetwork network,
      Map<String, StatefulSet> statefulSets,
      Condition previous,
      EventRecorder events,
      boolean passed,
      String reason,
      String message) {
    String status = passed ? "True" : "False";
    boolean same =
        previous != null
            && status.equals(previous.getStatus())
            && reason.equals(previous.getReason())
            && message.equals(previous.getMessage());
    String since =
        Conditions.since(
            previous == null ? null : List.of(previous), CONDITION, status, clock.instant());
    Condition condition =
        new ConditionBuilder()
            .withType(CONDITION)
            .withStatus(status)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(network.getMetadata().getGeneration())
            .withLastTransitionTime(since)
            .build();
    if (!passed && !same) {
      events.warning(network, reason, message);
      LOG.infof(
          "network %s/%s: preflight refused: %s",
          network.getMetadata().getNamespace(), network.getMetadata().getName(), message);
    } else if (passed && previous != null && "False".equals(previous.getStatus())) {
      events.normal(network, PASSED_EVENT, message);
    }
    Set<String> notCreated = new HashSet<>();
    for (var group : network.getSpec().getGroups()) {
      if (!statefulSets.containsKey(Names.group(network, group))) {
        notCreated.add(group.getName());
      }
    }
    return new Outcome(condition, !passed, notCreated);
  }

  private static Condition previous(ChatNetwork network) {
    if (network.getStatus() == null || network.getStatus().getConditions() == null) {
      return null;
    }
    return Conditions.find(network.getStatus().getConditions(), CONDITION).orElse(null);
  }
}
