package io.chatnet.operator.reconciler;

import io.chatnet.operator.network.RlnGroupPods;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.Locale;
import java.util.Optional;

/**
 * Names the keystore claim and the spec field when an RLN publishing pod cannot be scheduled for
 * its claim: the scheduler only says "pod has unbound immediate PersistentVolumeClaims" (or, for a
 * WaitForFirstConsumer class without volumes, "didn't find available persistent volumes to bind"),
 * naming neither. A cluster without a default StorageClass, or a class that provisions nothing,
 * leaves the claim Pending for good.
 */
final class KeystoreClaimHint {
  private KeystoreClaimHint() {}

  static String explain(Pod pod, String schedulerMessage) {
    if (schedulerMessage == null) {
      return null;
    }
    String lower = schedulerMessage.toLowerCase(Locale.ROOT);
    if (!lower.contains("persistentvolumeclaim") && !lower.contains("persistent volume")) {
      return schedulerMessage;
    }
    return keystoreClaim(pod)
        .map(
            claim ->
                "keystore claim "
                    + claim
                    + " is not bound: the cluster needs a default StorageClass, or"
                    + " spec.rln.keystoreStorageClass naming one that provisions volumes"
                    + " (docs/rln.md); scheduler: "
                    + schedulerMessage)
        .orElse(schedulerMessage);
  }

  private static Optional<String> keystoreClaim(Pod pod) {
    if (pod.getSpec() == null || pod.getSpec().getVolumes() == null) {
      return Optional.empty();
    }
    return pod.getSpec().getVolumes().stream()
        .filter(v -> RlnGroupPods.CLAIM.equals(v.getName()))
        .map(Volume::getPersistentVolumeClaim)
        .filter(java.util.Objects::nonNull)
        .map(c -> c.getClaimName())
        .findFirst();
  }
}
