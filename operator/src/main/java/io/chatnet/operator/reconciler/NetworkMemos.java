package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.config.OperatorMetrics;
import io.chatnet.operator.network.DerivationMemos;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What the network reconciler remembers per network between reconciles (the PodMonitor applied, the
 * last status write, group diagnoses, refused writes), pruned to the live networks. The operator
 * puts no finalizer on a network, so no reconcile follows its deletion: the memos are pruned
 * against the primary cache at every reconcile and whenever one of a network's children is deleted
 * (the garbage collector deletes them after the network). Their sizes are operator metrics.
 */
final class NetworkMemos {
  private final Map<ResourceID, String> appliedPodMonitors = new ConcurrentHashMap<>();
  private final StatusWriteLimiter statusLimiter;
  private final GroupDiagnoser diagnoser;
  private final WriteRefusals refusals;
  private final RlnBringUpStep rln;

  NetworkMemos(StatusWriteLimiter statusLimiter, GroupDiagnoser diagnoser, WriteRefusals refusals) {
    this(statusLimiter, diagnoser, refusals, null);
  }

  /** {@code rln}: the RLN step, whose registration looks are kept per network too (may be null). */
  NetworkMemos(
      StatusWriteLimiter statusLimiter,
      GroupDiagnoser diagnoser,
      WriteRefusals refusals,
      RlnBringUpStep rln) {
    this.statusLimiter = statusLimiter;
    this.diagnoser = diagnoser;
    this.refusals = refusals;
    this.rln = rln;
    sizes().keySet().forEach(memo -> OperatorMetrics.memoEntries(memo, () -> sizes().get(memo)));
    // the builders' process-wide caches: bounded, not per network (DerivationMemos)
    DerivationMemos.sizes()
        .keySet()
        .forEach(
            memo -> OperatorMetrics.memoEntries(memo, () -> DerivationMemos.sizes().get(memo)));
  }

  /** The hash of the network's PodMonitor as last applied, if it was. */
  Optional<String> appliedPodMonitor(ResourceID network) {
    return Optional.ofNullable(appliedPodMonitors.get(network));
  }

  void podMonitorApplied(ResourceID network, String hash) {
    appliedPodMonitors.put(network, hash);
  }

  /** Forgets every network not in {@code live}. */
  void retain(Collection<ChatNetwork> live) {
    Set<ResourceID> ids = live.stream().map(ResourceID::fromResource).collect(Collectors.toSet());
    appliedPodMonitors.keySet().retainAll(ids);
    statusLimiter.retain(ids);
    diagnoser.retain(ids);
    if (rln != null) {
      rln.retain(ids);
    }
    refusals.retainOwners(
        live.stream().map(n -> n.getMetadata().getUid()).collect(Collectors.toSet()));
  }

  /** Memo name to entries held, as {@code chatnet_operator_memo_entries{memo}} labels them. */
  Map<String, Integer> sizes() {
    return Map.of(
        "network-podmonitors", appliedPodMonitors.size(),
        "network-status-writes", statusLimiter.size(),
        "network-diagnoses", diagnoser.size(),
        "network-write-refusals", refusals.size(),
        "network-rln-registration-looks", rln == null ? 0 : rln.size());
  }
}
