package io.chatnet.operator.status;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** How both reconcilers compare and write their status. */
public final class StatusPatches {
  private StatusPatches() {}

  /** Whether two statuses say the same, compared as JSON (the API classes define no equals). */
  public static boolean same(KubernetesSerialization serialization, Object a, Object b) {
    return Objects.equals(
        serialization.convertValue(a, Map.class), serialization.convertValue(b, Map.class));
  }

  /**
   * A status-only patch: a blank resource carrying name, namespace and the status, so nothing of
   * spec or metadata is written.
   */
  public static <S, R extends CustomResource<?, S>> UpdateControl<R> patch(
      R resource, S status, Supplier<R> blank) {
    R patch = blank.get();
    patch.setMetadata(
        new ObjectMetaBuilder()
            .withName(resource.getMetadata().getName())
            .withNamespace(resource.getMetadata().getNamespace())
            .build());
    patch.setStatus(status);
    return UpdateControl.patchStatus(patch);
  }
}
