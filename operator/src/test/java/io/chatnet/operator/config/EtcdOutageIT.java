package io.chatnet.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.reliability.ControlPlane;
import io.chatnet.testkit.LocalClusterTest;
import io.chatnet.testkit.TestNamespace;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The operator's outage tracking against a real etcd outage on the local cluster: a client with
 * {@link ApiOutageInterceptor} sends a get while etcd is down (it hangs until etcd is back) and
 * discovery requests the API server answers meanwhile; the tracker must report one outage from the
 * get's send, which the version before (any answer below 500 ends an outage, hanging requests are
 * nothing) never did (bench/reliability.md, control plane finding 8).
 */
@LocalClusterTest
class EtcdOutageIT {
  static final Duration PAUSE = Duration.ofSeconds(5);

  @Test
  void aGetThatHungOnEtcdIsOneOutageFromItsSend(KubernetesClient admin, TestNamespace ns)
      throws Exception {
    ApiOutages outages = new ApiOutages(Instant::now);
    try (KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(admin.getConfiguration())
            .withHttpClientBuilderConsumer(
                b -> b.addOrReplaceInterceptor("outages", new ApiOutageInterceptor(outages)))
            .build()) {
      var configMaps = client.configMaps().inNamespace(ns.name());
      configMaps
          .resource(
              new ConfigMapBuilder().withNewMetadata().withName("probe").endMetadata().build())
          .create();
      Instant[] sent = new Instant[1];
      CompletableFuture<Object> get =
          CompletableFuture.supplyAsync(
              () -> {
                sleep(500); // into the outage: what the test is about, not a wait for a state
                sent[0] = Instant.now();
                try {
                  return configMaps.withName("probe").get();
                } catch (RuntimeException e) {
                  return e; // timed out: a failure, counted too
                }
              });
      CompletableFuture<Object> discovery =
          CompletableFuture.supplyAsync(
              () -> {
                sleep(1_500);
                return client.getKubernetesVersion().getGitVersion()
                    + client.getApiGroups().getGroups().size();
              });
      ControlPlane.Outage outage = ControlPlane.restart(ControlPlane.Component.ETCD, PAUSE);
      assertThat(discovery.get(1, TimeUnit.MINUTES)).as("discovery answered").isNotNull();
      get.get(1, TimeUnit.MINUTES);
      configMaps.withName("probe").get(); // a storage answer after the restart, in any case
      assertThat(outages.count()).as("one outage, " + outage).isEqualTo(1);
      ApiOutages.Outage seen = outages.last().orElseThrow();
      assertThat(seen.start())
          .isAfterOrEqualTo(sent[0].minusMillis(50))
          .isBefore(sent[0].plusSeconds(1));
      assertThat(seen.length()).isGreaterThanOrEqualTo(PAUSE.minusMillis(500));
      System.out.println(
          "etcd " + outage + "; seen " + seen + ", " + seen.length().toMillis() + " ms");
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
