package io.chatnet.contract;

/**
 * A measured operation of one client kind (a login): how many were attempted, succeeded and failed,
 * and how long the successful ones took ({@link LatencyHistograms} precision).
 *
 * <p>Login: from the CreateAccountAndLogin call of the attempt that succeeded to its node.login
 * signal (status-go reports a login's outcome only there); {@code attempted} counts clients, {@code
 * failed} the clients that never logged in (after the load generator's retries).
 */
public record OperationFigures(
    long attempted, long succeeded, long failed, LatencySummary latencyMillis) {

  /** The same figures with the latency histogram changed by {@code change}. */
  public OperationFigures withHistograms(java.util.function.UnaryOperator<String> change) {
    return new OperationFigures(
        attempted, succeeded, failed, LatencySummaries.change(latencyMillis, change));
  }
}
