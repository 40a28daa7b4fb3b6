package io.chatnet.operator.experiment;

import io.chatnet.contract.ClientFaults;
import io.chatnet.contract.Summary;
import io.chatnet.operator.api.ClientFaultResults;
import io.chatnet.operator.api.SignalDropResult;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shards' client faults summed (drops add, clients add, the longest outage is the longest of
 * any shard; unresponsive clients are named up to {@link #MAX_NAMED}). Pure. Null when no shard's
 * summary carried them (older load generators): absent, not zero.
 */
public final class ClientFaultMerge {
  static final int MAX_NAMED = 20;

  private ClientFaultMerge() {}

  public static ClientFaultResults merge(List<Summary> summaries) {
    ClientFaultResults out = new ClientFaultResults();
    Map<String, SignalDropResult> byKind = new TreeMap<>();
    boolean any = false;
    for (Summary summary : summaries) {
      ClientFaults f = summary.clientFaults();
      if (f == null) {
        out.setShardsWithoutFigures(out.getShardsWithoutFigures() + 1);
        continue;
      }
      any = true;
      if (f.signalDrops() != null) {
        f.signalDrops()
            .forEach(
                (kind, d) -> {
                  SignalDropResult r =
                      byKind.computeIfAbsent(
                          kind,
                          k -> {
                            SignalDropResult n = new SignalDropResult();
                            n.setClientKind(k);
                            return n;
                          });
                  r.setDrops(r.getDrops() + d.drops());
                  r.setClients(r.getClients() + d.clients());
                  r.setLongestOutageMillis(
                      Math.max(r.getLongestOutageMillis(), d.longestOutageMillis()));
                });
      }
      out.setUnresponsiveClients(out.getUnresponsiveClients() + f.unresponsiveClients());
      out.setCallTimeouts(out.getCallTimeouts() + f.callTimeouts());
      if (f.unresponsive() != null) {
        for (String name : f.unresponsive()) {
          if (out.getUnresponsive().size() < MAX_NAMED) {
            out.getUnresponsive().add(name);
          }
        }
      }
    }
    out.getSignalDrops().addAll(byKind.values());
    return any ? out : null;
  }

  /** One line for status and events, or null when there was nothing to say. */
  public static String line(ClientFaultResults faults) {
    if (faults == null) {
      return null;
    }
    long drops = faults.getSignalDrops().stream().mapToLong(SignalDropResult::getDrops).sum();
    if (drops == 0 && faults.getUnresponsiveClients() == 0) {
      return null;
    }
    StringBuilder line = new StringBuilder();
    if (faults.getUnresponsiveClients() > 0) {
      int named = faults.getUnresponsive().size();
      line.append(faults.getUnresponsiveClients())
          .append(" clients stopped answering (")
          .append(faults.getCallTimeouts())
          .append(" calls timed out): ")
          .append(String.join(", ", faults.getUnresponsive()));
      if (faults.getUnresponsiveClients() > named) {
        line.append(" and ").append(faults.getUnresponsiveClients() - named).append(" more");
      }
    }
    if (drops > 0) {
      if (line.length() > 0) {
        line.append("; ");
      }
      line.append(drops).append(" signals websocket drops (");
      for (SignalDropResult d : faults.getSignalDrops()) {
        line.append(d.getClientKind())
            .append(": ")
            .append(d.getClients())
            .append(" clients, longest outage ")
            .append(d.getLongestOutageMillis())
            .append(" ms; ");
      }
      line.setLength(line.length() - 2);
      line.append("); their missed receipts count as unknown, not lost");
    }
    return line.toString();
  }
}
