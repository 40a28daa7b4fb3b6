package io.chatnet.loadgen;

import io.chatnet.contract.ClientFaults;
import io.chatnet.loadgen.client.ChatClient;
import io.chatnet.loadgen.client.SignalStream;
import io.chatnet.loadgen.measure.DeliveryTracker;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A shard's client faults for its summary: websocket drops by client kind, and the clients that
 * stopped answering their status-backend calls (counted per client by its API).
 */
final class ClientFaultCount {
  private ClientFaultCount() {}

  static ClientFaults of(Collection<ChatClient> clients) {
    Map<String, long[]> byKind = new TreeMap<>(); // drops, clients, longest outage ms
    List<String> unresponsive = new java.util.ArrayList<>();
    long timeouts = 0;
    for (ChatClient client : clients) {
      int drops = client.signals().drops();
      if (drops > 0) {
        long[] k = byKind.computeIfAbsent(client.ref().kind(), x -> new long[3]);
        k[0] += drops;
        k[1]++;
        k[2] = Math.max(k[2], client.signals().longestOutageMillis());
      }
      long t = client.api().timeouts();
      if (t > 0) {
        timeouts += t;
        unresponsive.add(client.name());
      }
    }
    Map<String, ClientFaults.SignalDrops> drops = new TreeMap<>();
    byKind.forEach(
        (kind, k) -> drops.put(kind, new ClientFaults.SignalDrops(k[0], (int) k[1], k[2])));
    unresponsive.sort(null);
    return new ClientFaults(
        drops,
        unresponsive.size(),
        timeouts,
        List.copyOf(
            unresponsive.subList(0, Math.min(ClientFaults.MAX_NAMED, unresponsive.size()))));
  }

  /** Tells {@code tracker} when {@code client}'s signals socket is down (receipts unobserved). */
  static SignalStream.Outages outagesTo(DeliveryTracker tracker, String client) {
    return new SignalStream.Outages() {
      @Override
      public void down(long epochMicros) {
        tracker.socketDown(client, epochMicros);
      }

      @Override
      public void up(long epochMicros) {
        tracker.socketUp(client, epochMicros);
      }
    };
  }
}
