package io.chatnet.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Server-side apply with one field manager, skipped when nothing changed: each desired object
 * carries a hash of itself, and an object whose live hash matches (and, for StatefulSets, whose
 * replica count nobody changed by hand) is not written again. That is what keeps an unchanged
 * network at zero writes however often it is reconciled.
 */
public final class Applier {
  public static final String FIELD_MANAGER = "chatnet-operator";
  public static final String HASH_ANNOTATION = "chatnet.io/applied-hash";

  private final KubernetesClient client;
  private final KubernetesSerialization serialization;

  public Applier(KubernetesClient client) {
    this.client = client;
    this.serialization = client.getKubernetesSerialization();
  }

  /** Applies {@code desired}, owned by {@code owner}, unless {@code live} already matches it. */
  public <R extends HasMetadata> boolean apply(HasMetadata owner, R desired, Optional<R> live) {
    String hash = fingerprint(owner, desired);
    if (live.isPresent() && matches(live.get(), desired, hash)) {
      return false;
    }
    desired.getMetadata().getAnnotations().put(HASH_ANNOTATION, hash);
    client.resource(desired).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    return true;
  }

  /** Deletes an object the network no longer wants. */
  public void delete(HasMetadata object) {
    client.resource(object).delete();
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
              .digest(serialization.asJson(desired).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }

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
