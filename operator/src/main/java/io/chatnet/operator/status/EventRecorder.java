package io.chatnet.operator.status;

import io.chatnet.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Kubernetes Events on a ChatNetwork (shown by kubectl describe). Messages never contain key
 * material: callers pass phases, counts and validation messages only.
 */
public final class EventRecorder {
  private static final Logger LOG = Logger.getLogger(EventRecorder.class);
  private final KubernetesClient client;

  public EventRecorder(KubernetesClient client) {
    this.client = client;
  }

  public void normal(HasMetadata network, String reason, String message) {
    record(network, "Normal", reason, message);
  }

  public void warning(HasMetadata network, String reason, String message) {
    record(network, "Warning", reason, message);
  }

  private void record(HasMetadata network, String type, String reason, String message) {
    String now = Instant.now().toString();
    try {
      client
          .v1()
          .events()
          .inNamespace(network.getMetadata().getNamespace())
          .resource(
              new EventBuilder()
                  .withNewMetadata()
                  .withName(network.getMetadata().getName() + "." + UUID.randomUUID())
                  .withNamespace(network.getMetadata().getNamespace())
                  .endMetadata()
                  .withInvolvedObject(
                      new ObjectReferenceBuilder()
                          .withApiVersion(network.getApiVersion())
                          .withKind(network.getKind())
                          .withName(network.getMetadata().getName())
                          .withNamespace(network.getMetadata().getNamespace())
                          .withUid(network.getMetadata().getUid())
                          .build())
                  .withType(type)
                  .withReason(reason)
                  .withMessage(message)
                  .withFirstTimestamp(now)
                  .withLastTimestamp(now)
                  .withCount(1)
                  .withNewSource()
                  .withComponent(Labels.FIELD_MANAGER)
                  .endSource()
                  .build())
          .create();
    } catch (KubernetesClientException e) {
      // An event is a courtesy; failing to record one must not fail the reconciliation.
      LOG.warnf(
          "could not record event %s on %s: %s",
          reason, network.getMetadata().getName(), e.getMessage());
    }
  }
}
