package io.chatnet.operator;

import io.chatnet.operator.config.OperatorConfig;
import io.chatnet.operator.reconciler.ChatExperimentReconciler;
import io.chatnet.operator.reconciler.ChatNetworkReconciler;
import io.chatnet.operator.reconciler.ChatSweepReconciler;
import io.chatnet.testkit.LocalCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import java.time.Duration;
import java.util.Optional;

/**
 * The operator's reconciler run by the Java Operator SDK inside the test JVM, against the local
 * cluster and one namespace, so a test can stop and restart it at will. Its client announces itself
 * as {@value #USER_AGENT}, which is how tests find its requests in the audit log.
 */
public final class InProcessOperator implements AutoCloseable {
  public static final String USER_AGENT = "chatnet-operator-under-test";

  /** How long after its window an experiment asks an unreachable Prometheus again. */
  public static final Duration METRICS_RETRY_FOR = Duration.ofSeconds(15);

  private final Operator operator;

  private InProcessOperator(Operator operator) {
    this.operator = operator;
  }

  public static InProcessOperator start(String namespace, Duration maxReconciliationInterval) {
    return start(
        namespace,
        maxReconciliationInterval,
        LocalCluster.newClient(LocalCluster.get().kubeconfig(), USER_AGENT));
  }

  /**
   * The operator with a client of the caller's (closed when the operator stops), e.g. one that
   * impersonates the Helm chart's ServiceAccount.
   */
  public static InProcessOperator start(
      String namespace, Duration maxReconciliationInterval, KubernetesClient client) {
    Operator operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(true)
                    .withStopOnInformerErrorDuringStartup(true));
    operator.register(
        new ChatNetworkReconciler(config(), client),
        c ->
            c.settingNamespace(namespace).withReconciliationMaxInterval(maxReconciliationInterval));
    operator.register(
        new ChatExperimentReconciler(config(), client),
        c ->
            c.settingNamespace(namespace).withReconciliationMaxInterval(maxReconciliationInterval));
    operator.register(
        new ChatSweepReconciler(client),
        c ->
            c.settingNamespace(namespace).withReconciliationMaxInterval(maxReconciliationInterval));
    operator.start();
    return new InProcessOperator(operator);
  }

  @Override
  public void close() {
    operator.stop();
  }

  static OperatorConfig config() {
    return new OperatorConfig() {
      @Override
      public Images images() {
        return new Images() {
          @Override
          public String netem() {
            return Scenarios.DEFAULTS.netemImage();
          }

          @Override
          public String loadgen() {
            return Scenarios.DEFAULTS.loadgenImage();
          }
        };
      }

      @Override
      public String clusterDomain() {
        return Scenarios.DEFAULTS.clusterDomain();
      }

      @Override
      public int experimentDeadlineMarginSeconds() {
        return Scenarios.DEFAULTS.experimentDeadlineMarginSeconds();
      }

      @Override
      public Prometheus prometheus() {
        // No operator-wide Prometheus in tests: experiments that want one name it in their spec.
        return new Prometheus() {
          @Override
          public Optional<String> url() {
            return Optional.empty();
          }

          @Override
          public Duration timeout() {
            return Duration.ofSeconds(5);
          }

          @Override
          public Duration retryFor() {
            return METRICS_RETRY_FOR;
          }
        };
      }
    };
  }
}
