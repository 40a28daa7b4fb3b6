package io.chatnet.operator.status;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.function.Supplier;

/**
 * How both reconcilers write their status. (They compare statuses with equals: the API classes have
 * value equality.)
 */
public final class StatusPatches {
  private StatusPatches() {}

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
