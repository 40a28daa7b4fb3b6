package io.chatnet.contract;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a shard reports when it ends (JSON, in the summary file and, compactly, in the pod's
 * termination message where the operator reads it).
 *
 * @param contractVersion the contract version the summary was written in ({@link
 *     ContractJson#VERSION})
 * @param traffic figures per traffic kind (oneToOne, privateGroups, relay)
 * @param startSkewMillis how late this shard started sending after the planned instant
 * @param stoppedEarly the run was cut short by SIGTERM
 * @param expiredReceipts receipts of measured-window messages that came more than the retention
 *     window (120 s by default, longer with long offline behaviours) after their send: the load
 *     generator had forgotten the message, so they are not counted as received (their receipt stays
 *     lost) and may be duplicates
 */
public record Summary(
    int contractVersion,
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
    boolean stoppedEarly,
    Relay relay,
    long expiredReceipts) {

  /**
   * How relay load was published and read back (its figures are under {@code traffic.relay}).
   *
   * @param relayed measured messages read back on at least one node other than the one they were
   *     published through
   * @param receivers nwaku nodes this shard read back (subscribed)
   * @param subscribeFailures nodes that refused the subscription, with their answer
   * @param readIntervalMillis the latency resolution: a receipt is seen up to this late
   * @param overflows read rounds after which a node may have dropped cached messages (its missing
   *     receipts of earlier messages are unknown, not lost)
   * @param publishFailures why publishes failed (status and nwaku's text), with counts
   */
  public record Relay(
      long relayed,
      List<String> pubsubTopics,
      int receivers,
      Map<String, String> subscribeFailures,
      int cacheCapacity,
      long readIntervalMillis,
      long reads,
      long overflows,
      long failedReads,
      Map<String, Long> publishFailures) {}

  /** Clients of the shard; failures name the client and the reason (at most 20 listed). */
  public record Clients(int assigned, int ready, int failed, Map<String, String> failures) {}
}
