package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.naming.Names;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Lists the pods of a short group (by its label selector) and its StatefulSet's events, on demand
 * and at most every {@link #REFRESH} per group: the operator never watches the pods of a large
 * network, and asks about a group only once it is short past its readiness deadline.
 */
final class GroupDiagnoser {
  static final Duration REFRESH = Duration.ofSeconds(15);

  /**
   * Sooner again when all that was seen is the moment itself (pods not created or scheduled yet, or
   * the StatefulSet's counters lagging its pods) and the group is small (at most {@link
   * #SMALL_GROUP} pods): a short deadline must still end in the real cause within seconds.
   */
  static final Duration TRANSIENT_REFRESH = Duration.ofSeconds(3);

  private static final long SMALL_GROUP = 500;
  private static final Logger LOG = Logger.getLogger(GroupDiagnoser.class);

  private record Cached(Instant at, GroupDiagnosis diagnosis, ResourceID network) {}

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  private final Map<String, NamespaceEvents> namespaceEvents = new ConcurrentHashMap<>();

  GroupDiagnoser(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** The group's diagnosis, at most {@link #REFRESH} old. */
  GroupDiagnosis diagnose(ChatNetwork network, NodeGroup group) {
    String namespace = network.getMetadata().getNamespace();
    String name = Names.group(network, group);
    String key = namespace + "/" + name + "/" + group.getReplicas();
    Cached cached = cache.get(key);
    Instant now = clock.instant();
    if (cached != null && cached.at().plus(ttl(cached.diagnosis())).isAfter(now)) {
      return cached.diagnosis();
    }
    GroupDiagnosis diagnosis;
    try {
      diagnosis =
          GroupDiagnosis.of(
              group.getName(), group.getReplicas(), pods(network, group), events(namespace, name));
    } catch (KubernetesClientException e) {
      LOG.warnf(
          "network %s: cannot list pods or events of %s: %s", namespace, name, e.getMessage());
      diagnosis =
          new GroupDiagnosis(
              group.getName(),
              group.getReplicas(),
              0,
              List.of(
                  new GroupDiagnosis.Cause(
                      "DiagnosisFailed",
                      0,
                      name,
                      "listing pods or events failed: " + e.getCode())));
    }
    cache.keySet().removeIf(k -> k.startsWith(namespace + "/" + name + "/") && !k.equals(key));
    cache.put(key, new Cached(now, diagnosis, ResourceID.fromResource(network)));
    return diagnosis;
  }

  private static Duration ttl(GroupDiagnosis diagnosis) {
    return diagnosis.transientOnly() && diagnosis.desired() <= SMALL_GROUP
        ? TRANSIENT_REFRESH
        : REFRESH;
  }

  /** Forgets a network's groups (it is Ready again or gone). */
  void forget(ChatNetwork network) {
    String prefix =
        network.getMetadata().getNamespace() + "/" + network.getMetadata().getName() + "-";
    cache.keySet().removeIf(k -> k.startsWith(prefix));
  }

  /** Forgets the groups of networks not in {@code live} (deleted ones). */
  void retain(Set<ResourceID> live) {
    cache.values().removeIf(c -> !live.contains(c.network()));
    Instant now = clock.instant();
    namespaceEvents.values().removeIf(e -> e.stale(now));
  }

  int size() {
    return cache.size();
  }

  /**
   * Read from the API server's watch cache (resourceVersion "0": any recent state, no quorum read
   * of etcd; the server then answers the whole selection at once, kubernetes#70735). A selective
   * label or field list served from etcd reads every pod, or every event, of the namespace to
   * filter them: with ten 1,000-pod networks provisioning in one namespace, the diagnoses of their
   * short groups alone kept the local API server from answering within 10 s (the soak,
   * bench/reliability.md). A diagnosis a few hundred milliseconds stale says the same.
   */
  private static final String FROM_WATCH_CACHE = "0";

  private List<Pod> pods(ChatNetwork network, NodeGroup group) {
    return client
        .pods()
        .inNamespace(network.getMetadata().getNamespace())
        .withLabels(Labels.selector(network, group))
        .list(new ListOptionsBuilder().withResourceVersion(FROM_WATCH_CACHE).build())
        .getItems();
  }

  /**
   * The events of {@code statefulSet}, from one list of the namespace's StatefulSet events shared
   * by every group diagnosed within {@link #TRANSIENT_REFRESH} (one list at a time per namespace:
   * the others wait for it). The API server keeps no watch cache of events by default, so each
   * list, even at resourceVersion 0, reads every event of the namespace from etcd to filter them:
   * one per short group (four per network, ten 1,000-pod networks provisioning) timed out at 10 s
   * each and kept the API server busy.
   */
  private List<Event> events(String namespace, String statefulSet) {
    Instant now = clock.instant();
    NamespaceEvents shared = namespaceEvents.computeIfAbsent(namespace, n -> new NamespaceEvents());
    List<Event> all;
    synchronized (shared) {
      if (shared.at == null || !shared.at.plus(TRANSIENT_REFRESH).isAfter(now)) {
        shared.events =
            client
                .v1()
                .events()
                .inNamespace(namespace)
                .withField("involvedObject.kind", "StatefulSet")
                .list(new ListOptionsBuilder().withResourceVersion(FROM_WATCH_CACHE).build())
                .getItems();
        shared.at = now;
      }
      all = shared.events;
    }
    namespaceEvents.values().removeIf(e -> e != shared && e.stale(now));
    return all.stream()
        .filter(
            e ->
                e.getInvolvedObject() != null
                    && statefulSet.equals(e.getInvolvedObject().getName()))
        .toList();
  }

  /** A namespace's StatefulSet events as last listed (guarded by itself). */
  private static final class NamespaceEvents {
    private Instant at;
    private List<Event> events = List.of();

    synchronized boolean stale(Instant now) {
      return at != null && at.plus(REFRESH).isBefore(now);
    }
  }
}
