package io.chatnet.loadgen;

import io.chatnet.loadgen.measure.DeliveryTracker.Figures;
import java.time.Instant;
import java.util.Map;

/**
 * What a shard reports when it ends (JSON, in the summary file and, compactly, in the pod's
 * termination message where the operator reads it).
 *
 * @param startSkewMillis how late this shard started sending after the planned instant
 * @param stoppedEarly the run was cut short by SIGTERM
 */
public record Summary(
    String experiment,
    int shard,
    Instant plannedStart,
    long startSkewMillis,
    Clients clients,
    int pairs,
    int groups,
    Map<String, String> setupFailures,
    Map<String, Figures> traffic,
    Map<String, Integer> behaviours,
    long foreignReceipts,
    long signalReconnects,
    boolean stoppedEarly) {

  /** Clients of the shard; failures name the client and the reason (at most 20 listed). */
  public record Clients(int assigned, int ready, int failed, Map<String, String> failures) {}
}
