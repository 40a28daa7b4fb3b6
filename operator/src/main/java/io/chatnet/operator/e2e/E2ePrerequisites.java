package io.chatnet.operator.e2e;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** What E2eCheck needs of the cluster before it starts: the CRDs served, an operator running. */
final class E2ePrerequisites {
  private E2ePrerequisites() {}

  /** The chatnet API must be served: listing ChatNetworks answers 404 when the CRD is missing. */
  static Optional<String> crdsServed(KubernetesClient client) {
    for (Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> type :
        List.of(ChatNetwork.class, ChatExperiment.class)) {
      try {
        client
            .resources(type)
            .inNamespace("default")
            .list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder().withLimit(1L).build());
      } catch (KubernetesClientException e) {
        if (e.getCode() == 404) {
          return Optional.of(
              "the chatnet CRDs are not installed ("
                  + type.getSimpleName()
                  + " of chatnet.io/v1alpha1 is not served): install the chart, see docs/install.md");
        }
        if (e.getCode() != 403) {
          throw e;
        }
      }
    }
    return Optional.empty();
  }

  /** A chatnet operator Deployment with a ready replica, anywhere (the chart's labels). */
  static Optional<String> operatorRunning(KubernetesClient client, Consumer<String> say) {
    List<Deployment> deployments;
    try {
      deployments =
          client
              .apps()
              .deployments()
              .inAnyNamespace()
              .withLabel("app.kubernetes.io/name", "chatnet")
              .withLabel("app.kubernetes.io/component", "operator")
              .list()
              .getItems();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 403) {
        say.accept(
            "cannot list Deployments in all namespaces (403): not checking for the operator");
        return Optional.empty();
      }
      throw e;
    }
    if (deployments.isEmpty()) {
      return Optional.of(
          "no chatnet operator is installed (no Deployment labelled app.kubernetes.io/name=chatnet,"
              + " app.kubernetes.io/component=operator): install the chart (docs/install.md), or"
              + " pass --skip-operator-check (SKIP_OPERATOR_CHECK=1) for an operator run elsewhere");
    }
    for (Deployment d : deployments) {
      Integer readyReplicas = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
      if (readyReplicas != null && readyReplicas > 0) {
        say.accept(
            "operator "
                + d.getMetadata().getNamespace()
                + "/"
                + d.getMetadata().getName()
                + ": "
                + readyReplicas
                + " ready");
        return Optional.empty();
      }
    }
    Deployment d = deployments.get(0);
    return Optional.of(
        "the chatnet operator "
            + d.getMetadata().getNamespace()
            + "/"
            + d.getMetadata().getName()
            + " has no ready replica: kubectl -n "
            + d.getMetadata().getNamespace()
            + " describe deployment "
            + d.getMetadata().getName());
  }
}
