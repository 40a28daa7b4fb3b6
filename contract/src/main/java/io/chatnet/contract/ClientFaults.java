package io.chatnet.contract;

import java.util.List;
import java.util.Map;

/**
 * What went wrong with a shard's clients while it ran, apart from its figures (written since the
 * load generator counted them; absent, not zero, in older version 2 summaries).
 *
 * @param signalDrops the {@code /signals} websocket drops by client kind
 * @param unresponsiveClients clients with at least one status-backend call that got no answer
 *     within the load generator's request deadline (accepting the connection is not an answer)
 * @param callTimeouts such calls, over every client of the shard
 * @param unresponsive the first {@link #MAX_NAMED} unresponsive clients by name (sorted); the rest
 *     are counted in {@code unresponsiveClients} only (dropped from a termination message short of
 *     room)
 */
public record ClientFaults(
    Map<String, SignalDrops> signalDrops,
    int unresponsiveClients,
    long callTimeouts,
    List<String> unresponsive) {

  /** How many unresponsive clients a summary names. */
  public static final int MAX_NAMED = 10;

  /**
   * One client kind's websocket drops.
   *
   * @param drops times a client's {@code /signals} connection closed or failed
   * @param clients clients that dropped at least once
   * @param longestOutageMillis the longest time a client's socket stayed down (until reconnected,
   *     or until the shard's end when it never was)
   */
  public record SignalDrops(long drops, int clients, long longestOutageMillis) {}

  /** The same faults without the client names (the termination message's trimmed copy). */
  public ClientFaults withoutNames() {
    return new ClientFaults(signalDrops, unresponsiveClients, callTimeouts, null);
  }
}
