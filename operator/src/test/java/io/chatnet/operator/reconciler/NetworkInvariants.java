package io.chatnet.operator.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ChatNetworkStatus;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.NetworkPhase;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.config.BuildDefaults;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.naming.Names;
import io.chatnet.operator.network.GroupService;
import io.chatnet.operator.network.GroupStatefulSet;
import io.chatnet.operator.network.NodeKeySecrets;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a converged ChatNetwork looks like on the cluster, checked against the pure builders' output
 * for its spec: exactly the objects they build (none missing, none extra, none twice), each owned
 * by this network alone, with the fingerprint of what the builders make today; and a status that
 * matches the spec. Each check yields a line naming what is wrong, so a campaign can record the
 * violations of a trial rather than stop at the first.
 */
public final class NetworkInvariants {
  private NetworkInvariants() {}

  /** The objects the builders make for this spec, by "Kind/name". */
  public static Map<String, HasMetadata> expected(ChatNetwork network, BuildDefaults defaults) {
    Map<String, HasMetadata> wanted = new TreeMap<>();
    for (NodeGroup group : network.getSpec().getGroups()) {
      boolean keyed = group.getKind() == GroupKind.NWAKU;
      int chunks = keyed ? NodeKeySecrets.chunks(group.getReplicas()) : 0;
      put(wanted, GroupStatefulSet.build(network, group, chunks, defaults));
      put(wanted, GroupService.build(network, group));
      if (keyed) {
        NodeKeySecrets.build(network, group).forEach(s -> put(wanted, s));
      }
    }
    // The network ConfigMap's content follows pod IPs (ENRs): only its name is checked here.
    wanted.put("ConfigMap/" + Names.networkConfig(network), null);
    return wanted;
  }

  /** Every object labelled as this network's, by "Kind/name" (a name seen twice is kept twice). */
  public static List<HasMetadata> live(KubernetesClient client, String namespace, String network) {
    Map<String, String> labels = Map.of(Labels.NETWORK, network);
    return Stream.of(
            client
                .apps()
                .statefulSets()
                .inNamespace(namespace)
                .withLabels(labels)
                .list()
                .getItems(),
            client.services().inNamespace(namespace).withLabels(labels).list().getItems(),
            client.configMaps().inNamespace(namespace).withLabels(labels).list().getItems(),
            client.secrets().inNamespace(namespace).withLabels(labels).list().getItems())
        .<HasMetadata>flatMap(List::stream)
        .toList();
  }

  /** The set and ownership of the network's objects against the builders' output. */
  public static List<String> objectViolations(
      KubernetesClient client, ChatNetwork network, BuildDefaults defaults) {
    String namespace = network.getMetadata().getNamespace();
    Map<String, HasMetadata> wanted = expected(network, defaults);
    Map<String, HasMetadata> seen = new TreeMap<>();
    List<String> violations = new ArrayList<>();
    for (HasMetadata o : live(client, namespace, network.getMetadata().getName())) {
      String key = key(o);
      if (seen.put(key, o) != null) {
        violations.add("duplicate " + key);
      }
      if (!wanted.containsKey(key)) {
        violations.add("orphan " + key + " (not in what the spec implies)");
        continue;
      }
      List<OwnerReference> owners =
          Optional.ofNullable(o.getMetadata().getOwnerReferences()).orElse(List.of());
      boolean ownedByThis =
          owners.size() == 1
              && network.getMetadata().getUid().equals(owners.get(0).getUid())
              && Boolean.TRUE.equals(owners.get(0).getController());
      if (!ownedByThis) {
        // (an apply would be refused too: an object has at most one controller)
        violations.add(key + " owners " + owners.stream().map(OwnerReference::getUid).toList());
        continue;
      }
      HasMetadata desired = wanted.get(key);
      if (desired != null && !sameAsApplied(client, network, desired, o)) {
        violations.add(key + " differs from what the builders make for the spec");
      }
    }
    wanted.keySet().stream()
        .filter(k -> !seen.containsKey(k))
        .forEach(k -> violations.add("missing " + k));
    return violations;
  }

  /** The status against the spec: Ready, every replica counted, this generation observed. */
  public static List<String> statusViolations(ChatNetwork network) {
    ChatNetworkStatus status = network.getStatus();
    if (status == null) {
      return List.of("no status");
    }
    int replicas = network.getSpec().getGroups().stream().mapToInt(NodeGroup::getReplicas).sum();
    List<String> violations = new ArrayList<>();
    if (status.getPhase() != NetworkPhase.Ready) {
      violations.add("phase " + status.getPhase());
    }
    if (!(replicas + "/" + replicas).equals(status.getReady())) {
      violations.add("ready " + status.getReady() + ", spec has " + replicas + " replicas");
    }
    if (!network.getMetadata().getGeneration().equals(status.getObservedGeneration())) {
      violations.add(
          "observedGeneration "
              + status.getObservedGeneration()
              + " of generation "
              + network.getMetadata().getGeneration());
    }
    if (status.getGroups().size() != network.getSpec().getGroups().size()) {
      violations.add("status has " + status.getGroups().size() + " groups");
    }
    return violations;
  }

  /**
   * Whether applying the builders' object (as the operator does: server-side apply, its field
   * manager, its owner reference) would leave {@code live} as it is. Asked with a dry run, so the
   * API server's defaulting and merging decide, not the operator's own applied-hash annotation (a
   * hash is the operator's claim; this asks what applying would change).
   */
  static boolean sameAsApplied(
      KubernetesClient client, ChatNetwork network, HasMetadata desired, HasMetadata live) {
    desired.getMetadata().setOwnerReferences(List.of(Applier.ownerReference(network)));
    Map<String, String> annotations = new TreeMap<>();
    Optional.ofNullable(desired.getMetadata().getAnnotations()).ifPresent(annotations::putAll);
    Optional.ofNullable(live.getMetadata().getAnnotations())
        .map(a -> a.get(Applier.HASH_ANNOTATION))
        .ifPresent(h -> annotations.put(Applier.HASH_ANNOTATION, h));
    desired.getMetadata().setAnnotations(annotations);
    desired.getMetadata().setNamespace(network.getMetadata().getNamespace());
    HasMetadata applied =
        client
            .resource(desired)
            .dryRun()
            .fieldManager(Labels.FIELD_MANAGER)
            .forceConflicts()
            .serverSideApply();
    return comparable(applied).equals(comparable(live));
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What an apply can change: everything but status and server-kept metadata. */
  private static JsonNode comparable(HasMetadata o) {
    ObjectNode tree = JSON.valueToTree(o);
    tree.remove("status");
    ObjectNode metadata = JSON.createObjectNode();
    for (String field : List.of("labels", "annotations", "ownerReferences")) {
      Optional.ofNullable(tree.path("metadata").get(field)).ifPresent(v -> metadata.set(field, v));
    }
    tree.set("metadata", metadata);
    return tree;
  }

  private static void put(Map<String, HasMetadata> wanted, HasMetadata o) {
    wanted.put(key(o), o);
  }

  private static String key(HasMetadata o) {
    return o.getKind() + "/" + o.getMetadata().getName();
  }
}
