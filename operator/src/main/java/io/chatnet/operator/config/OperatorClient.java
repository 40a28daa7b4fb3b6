package io.chatnet.operator.config;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The operator's Kubernetes client: Quarkus's (same Config and serialization as its default
 * producer, io.quarkus.kubernetes.client.runtime.KubernetesClientProducer at 3.33.2) with {@link
 * ApiOutageInterceptor} reporting every request to {@link ApiOutages}, so an API server or etcd
 * outage the operator lives through is measured and shown.
 */
@Singleton
public class OperatorClient {
  private KubernetesClient client;

  @Produces
  @Singleton
  KubernetesClient kubernetesClient(KubernetesSerialization serialization, Config config) {
    client =
        new KubernetesClientBuilder()
            .withKubernetesSerialization(serialization)
            .withConfig(config)
            .withHttpClientBuilderConsumer(
                b ->
                    b.addOrReplaceInterceptor(
                        "chatnet-api-outages", new ApiOutageInterceptor(ApiOutages.shared())))
            .build();
    return client;
  }

  @PreDestroy
  void close() {
    if (client != null) {
      client.close();
    }
  }
}
