package io.chatnet.operator.reconciler;

import io.chatnet.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Server-side apply with one field manager, skipped when nothing changed: each desired object
 * carries a hash of itself, and an object whose live hash matches (and, for StatefulSets, whose
 * replica count nobody changed by hand) is not written again. That is what keeps an unchanged
 * network at zero writes however often it is reconciled.
 *
 * <p>Made with a {@link WriteRefusals.Round}, it never throws for a refused write: the refusal goes
 * to the round (which the reconciler turns into a condition and an event) and the next object is
 * written, so one refused group does not stop the others. Before creating an object the informer
 * cache does not hold, it reads it once by name: an object of that name another owner controls is
 * never overwritten (a {@link RefusalClass#NAME_COLLISION}).
 */
public final class Applier {
  public static final String FIELD_MANAGER = Labels.FIELD_MANAGER;
  public static final String HASH_ANNOTATION = "chatnet.io/applied-hash";

  private final KubernetesClient client;
  private final KubernetesSerialization serialization;
  private final WriteRefusals.Round refusals;

  /** An Applier whose refused writes throw {@link KubernetesClientException}. */
  public Applier(KubernetesClient client) {
    this(client, null);
  }

  /** An Applier that reports refused writes to {@code refusals} instead of throwing. */
  public Applier(KubernetesClient client, WriteRefusals.Round refusals) {
    this.client = client;
    this.serialization = client.getKubernetesSerialization();
    this.refusals = refusals;
  }

  /**
   * Applies {@code desired}, owned by {@code owner}, unless {@code live} already matches it.
   *
   * @return whether it was written
   */
  public <R extends HasMetadata> boolean apply(HasMetadata owner, R desired, Optional<R> live) {
    String hash = fingerprint(owner, desired);
    if (live.isPresent() && matches(live.get(), desired, hash)) {
      return false;
    }
    if (refusals == null) {
      write(desired, hash);
      return true;
    }
    if (refusals.pending(desired, hash).isPresent()) {
      return false;
    }
    try {
      if (live.isEmpty()) {
        // a cache miss: one read tells a name held by another owner from a new object
        HasMetadata existing = existing(desired);
        if (existing != null && !controlledBy(existing, owner)) {
          if (controlledByEarlier(existing, owner)) {
            refusals.awaitingCollection(desired, hash, existing);
          } else {
            refusals.collision(desired, existing);
          }
          return false;
        }
        if (existing != null && matches(existing, desired, hash)) {
          refusals.accepted(desired);
          return false;
        }
      }
      write(desired, hash);
      refusals.accepted(desired);
      return true;
    } catch (KubernetesClientException e) {
      refusals.refused(desired, hash, e);
      return false;
    }
  }

  /**
   * The object of {@code desired}'s name, read from the API server. Typed kinds are listed by name
   * with the list permission the informers already need (the chart grants no get on Secrets).
   */
  private HasMetadata existing(HasMetadata desired) {
    if (desired instanceof GenericKubernetesResource) {
      return client.resource(desired).get();
    }
    List<? extends HasMetadata> found =
        client
            .resources(desired.getClass())
            .inNamespace(desired.getMetadata().getNamespace())
            .withField("metadata.name", desired.getMetadata().getName())
            .list()
            .getItems();
    return found.isEmpty() ? null : found.get(0);
  }

  private void write(HasMetadata desired, String hash) {
    desired.getMetadata().getAnnotations().put(HASH_ANNOTATION, hash);
    client.resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
  }

  /** Deletes an object the network no longer wants (already gone is fine). */
  public void delete(HasMetadata object) {
    if (refusals == null) {
      client.resource(object).delete();
      return;
    }
    try {
      client.resource(object).delete();
      refusals.accepted(object);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        refusals.refused(object, "", e);
      }
    }
  }

  /**
   * Whether {@code object}'s controller has {@code owner}'s kind and name but another UID: an
   * earlier owner of that name, deleted, whose objects the garbage collector has yet to remove.
   */
  static boolean controlledByEarlier(HasMetadata object, HasMetadata owner) {
    return controllers(object)
        .anyMatch(
            r ->
                Objects.equals(r.getKind(), owner.getKind())
                    && Objects.equals(r.getName(), owner.getMetadata().getName())
                    && !Objects.equals(r.getUid(), owner.getMetadata().getUid()));
  }

  /** Whether {@code object}'s controller is {@code owner} (same UID, not just the same name). */
  static boolean controlledBy(HasMetadata object, HasMetadata owner) {
    return controllers(object)
        .anyMatch(r -> Objects.equals(r.getUid(), owner.getMetadata().getUid()));
  }

  /** {@code object}'s owner references that say controller: true (the API server allows one). */
  private static Stream<OwnerReference> controllers(HasMetadata object) {
    List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
    return refs == null
        ? Stream.empty()
        : refs.stream().filter(r -> Boolean.TRUE.equals(r.getController()));
  }

  private static boolean matches(HasMetadata live, HasMetadata desired, String hash) {
    if (live.getMetadata().getAnnotations() == null
        || !hash.equals(live.getMetadata().getAnnotations().get(HASH_ANNOTATION))) {
      return false;
    }
    if (live instanceof StatefulSet liveSet && desired instanceof StatefulSet desiredSet) {
      // the one field people change by hand (kubectl scale) without touching our annotation
      return Objects.equals(liveSet.getSpec().getReplicas(), desiredSet.getSpec().getReplicas());
    }
    return true;
  }

  /**
   * Sets the owner reference on {@code desired} and returns the hash that marks it once applied.
   */
  String fingerprint(HasMetadata owner, HasMetadata desired) {
    desired.getMetadata().setOwnerReferences(List.of(ownerReference(owner)));
    return hash(desired);
  }

  private String hash(HasMetadata desired) {
    if (desired.getMetadata().getAnnotations() == null) {
      desired.getMetadata().setAnnotations(new java.util.LinkedHashMap<>());
    }
    desired.getMetadata().getAnnotations().remove(HASH_ANNOTATION);
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(canonicalJson(desired).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }

  /**
   * The object's JSON with every map's keys sorted: labels and selectors are built with Map.of,
   * whose iteration order changes from one JVM run to the next, so an unsorted hash made every
   * restarted operator re-apply each object once (found by the fault campaign,
   * bench/reliability.md).
   */
  private String canonicalJson(HasMetadata desired) {
    try {
      Object tree = CANONICAL.readValue(serialization.asJson(desired), Object.class);
      return CANONICAL.writeValueAsString(tree);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the client's own JSON reads back", e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper CANONICAL =
      new com.fasterxml.jackson.databind.ObjectMapper()
          .configure(
              com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  static OwnerReference ownerReference(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
