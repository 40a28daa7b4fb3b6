package io.chatnet.contract;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import lombok.Builder;

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
 * @param logins logins by client kind (version 2; null in version 1)
 * @param contactRequests the contact-request phase by the requester's client kind (version 2)
 * @param groupCreations group creations by the creator's client kind (version 2)
 * @param catchUp catch-up after offline spells, one entry per client kind and offline length
 *     (version 2)
 * @param phases the instants each phase actually ran between, by phase: {@code contactRequests},
 *     {@code idle}, {@code measured} (version 2; a phase of 0 s is absent)
 * @param roles chat participants by role: {@code senders}, {@code silent} (in chats, never send:
 *     the plan's idle.clientShare and oneWay pairs' receivers), {@code unchatting} (logged in, in
 *     no pair or group) (version 2)
 * @param omitted the version 2 sections left out of this copy because the termination message (4096
 *     bytes) had no room for them even without histograms, in the order they were dropped ({@link
 *     #OMISSION_ORDER}; null when nothing was; the summary file always has them all)
 * @param clientFaults websocket drops and clients that stopped answering (added within version 2:
 *     optional, null in summaries written before; readers must not take its absence for zero)
 */
@Builder(toBuilder = true)
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
    long expiredReceipts,
    Map<String, OperationFigures> logins,
    Map<String, ContactRequestFigures> contactRequests,
    Map<String, GroupCreationFigures> groupCreations,
    List<CatchUpFigures> catchUp,
    Map<String, PhaseWindow> phases,
    Map<String, Integer> roles,
    List<String> omitted,
    ClientFaults clientFaults) {

  /** The phase names of {@link #phases}. */
  public static final String CONTACT_REQUESTS_PHASE = "contactRequests";

  public static final String IDLE_PHASE = "idle";
  public static final String MEASURED_PHASE = "measured";

  /** A summary without the version 2 measurements (as version 1 wrote it). */
  public Summary(
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
    this(
        contractVersion,
        experiment,
        shard,
        plannedStart,
        startSkewMillis,
        clients,
        pairs,
        groups,
        setupFailures,
        traffic,
        behaviours,
        foreignReceipts,
        signalReconnects,
        stoppedEarly,
        relay,
        expiredReceipts,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The same summary with the version 2 measurements given (each may be null). */
  public Summary withMeasurements(
      Map<String, OperationFigures> logins,
      Map<String, ContactRequestFigures> contactRequests,
      Map<String, GroupCreationFigures> groupCreations,
      List<CatchUpFigures> catchUp,
      Map<String, PhaseWindow> phases,
      Map<String, Integer> roles) {
    return toBuilder()
        .logins(logins)
        .contactRequests(contactRequests)
        .groupCreations(groupCreations)
        .catchUp(catchUp)
        .phases(phases)
        .roles(roles)
        .build();
  }

  /** The same summary with the client faults given (null: none counted). */
  public Summary withClientFaults(ClientFaults faults) {
    return toBuilder().clientFaults(faults).build();
  }

  /**
   * The same summary with every encoded latency histogram (traffic figures and version 2
   * measurements) changed by {@code change}: {@link LatencyHistograms#coarse(String)} to shrink it,
   * {@code h -> null} to drop them.
   */
  public Summary withHistograms(java.util.function.UnaryOperator<String> change) {
    Map<String, Figures> changedTraffic = null;
    if (traffic != null) {
      changedTraffic = new java.util.LinkedHashMap<>();
      for (Map.Entry<String, Figures> e : traffic.entrySet()) {
        Figures f = e.getValue();
        changedTraffic.put(
            e.getKey(),
            f.latencyMillis() == null
                ? f
                : f.withLatency(LatencySummaries.change(f.latencyMillis(), change)));
      }
    }
    return toBuilder()
        .traffic(changedTraffic)
        .logins(mapValues(logins, f -> f.withHistograms(change)))
        .contactRequests(mapValues(contactRequests, f -> f.withHistograms(change)))
        .groupCreations(mapValues(groupCreations, f -> f.withHistograms(change)))
        .catchUp(
            catchUp == null ? null : catchUp.stream().map(f -> f.withHistograms(change)).toList())
        .build();
  }

  /**
   * This summary without the version 2 section {@code name} (one of {@link #OMISSION_ORDER}),
   * noting it in {@code omitted}.
   */
  public Summary omitting(String name) {
    List<String> names = new java.util.ArrayList<>(omitted == null ? List.of() : omitted);
    names.add(name);
    return toBuilder()
        .logins("logins".equals(name) ? null : logins)
        .contactRequests("contactRequests".equals(name) ? null : contactRequests)
        .groupCreations("groupCreations".equals(name) ? null : groupCreations)
        .catchUp("catchUp".equals(name) ? null : catchUp)
        .roles("roles".equals(name) ? null : roles)
        .omitted(List.copyOf(names))
        .clientFaults("clientFaults".equals(name) ? null : clientFaults)
        .build();
  }

  /** The sections {@link #omitting} drops from a termination message, least needed first. */
  public static final List<String> OMISSION_ORDER =
      List.of("roles", "logins", "groupCreations", "contactRequests", "catchUp", "clientFaults");

  private static <V> Map<String, V> mapValues(
      Map<String, V> map, java.util.function.UnaryOperator<V> change) {
    if (map == null) {
      return null;
    }
    Map<String, V> out = new java.util.LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, change.apply(v)));
    return out;
  }

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
  @Builder(toBuilder = true)
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
