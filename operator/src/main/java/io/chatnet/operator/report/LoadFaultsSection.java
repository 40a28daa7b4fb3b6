package io.chatnet.operator.report;

import io.chatnet.operator.api.ClientFaultResults;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.FailedShard;
import io.chatnet.operator.api.PartialShard;
import io.chatnet.operator.api.ShardStatus;
import io.chatnet.operator.api.SignalDropResult;
import io.chatnet.operator.report.ReportView.Cell;
import io.chatnet.operator.report.ReportView.Fact;
import io.chatnet.operator.report.ReportView.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The experiment report's "Load generator and client faults" part (issue 15): how much of the
 * planned window the shards covered (status.shards.coveredShare, partialShards, failedShards) and
 * what went wrong with the clients (status.results.clientFaults: signals websocket drops by client
 * kind, clients that stopped answering). Present only when something did: a shard measured less
 * than the window or failed beyond its retries, a socket dropped, a client stopped answering. Every
 * figure is report.json's; the templates escape the text (client and pod names included).
 */
final class LoadFaultsSection {
  private LoadFaultsSection() {}

  /** What the template lays out; a table is null when it would have no row. */
  record View(List<Fact> facts, Table partial, Table failed, Table drops) {}

  static void put(Map<String, Object> data, ExperimentReport report) {
    data.put("loadFaults", of(report));
  }

  static View of(ExperimentReport report) {
    ShardStatus shards = report.outcome().shards();
    ExperimentResults results = report.outcome().results();
    ClientFaultResults clients = results == null ? null : results.getClientFaults();
    List<PartialShard> partial = shards == null ? List.of() : shards.getPartialShards();
    List<FailedShard> failed = shards == null ? List.of() : shards.getFailedShards();
    boolean partialWindow =
        !partial.isEmpty()
            || !failed.isEmpty()
            || (shards != null && shards.getCoveredShare() != null && shards.getCoveredShare() < 1);
    // the same test as the ClientsHealthy condition's (ClientFaultMerge.line): drops or a silent
    // client; shards without figures alone say nothing happened, only that nothing was counted
    boolean clientFaults =
        clients != null
            && (clients.getUnresponsiveClients() > 0
                || clients.getSignalDrops().stream().anyMatch(d -> d.getDrops() > 0));
    if (!partialWindow && !clientFaults) {
      return null;
    }
    return new View(facts(shards, clients), partial(partial), failed(failed), drops(clients));
  }

  private static List<Fact> facts(ShardStatus shards, ClientFaultResults clients) {
    List<Fact> facts = new ArrayList<>();
    facts.add(
        new Fact(
            "Planned shard-windows the results cover",
            shards == null
                ? Cell.NOT_MEASURED
                : Cell.figure(shards.getCoveredShare(), Units::ratio)));
    if (clients == null) {
      facts.add(new Fact("Client faults", Cell.NOT_MEASURED));
      return facts;
    }
    facts.add(
        new Fact(
            "Clients that stopped answering",
            Cell.of(
                ReportView.count(clients.getUnresponsiveClients())
                    + " ("
                    + ReportView.count(clients.getCallTimeouts())
                    + " calls timed out)")));
    if (!clients.getUnresponsive().isEmpty()) {
      int more = clients.getUnresponsiveClients() - clients.getUnresponsive().size();
      facts.add(
          new Fact(
              "First unresponsive clients",
              Cell.of(
                  String.join(", ", clients.getUnresponsive())
                      + (more > 0 ? " and " + ReportView.count(more) + " more" : ""))));
    }
    if (clients.getShardsWithoutFigures() > 0) {
      facts.add(
          new Fact(
              "Shards whose summary had no client fault figures",
              Cell.styled(
                  "not-measured",
                  clients.getShardsWithoutFigures() + " (their client faults are unknown)")));
    }
    return facts;
  }

  private static Table partial(List<PartialShard> partial) {
    if (partial.isEmpty()) {
      return null;
    }
    List<List<Cell>> rows = new ArrayList<>();
    for (PartialShard p : partial) {
      rows.add(
          List.of(
              Cell.of(String.valueOf(p.getIndex())),
              p.getFailedAttempts() == null || p.getFailedAttempts().isEmpty()
                  ? Cell.of("- (the failed pod is gone)")
                  : Cell.of(p.getFailedAttempts()),
              Cell.of(ReportView.orDash(p.getMeasuredFrom())),
              Cell.of(ReportView.orDash(p.getMeasuredTo())),
              Cell.of(Units.ratio(p.getCoveredShare()))));
    }
    return new Table(
        "partial-shards",
        List.of("Shard", "Failed attempts", "Measured from", "Measured to", "Covered share"),
        rows);
  }

  private static Table failed(List<FailedShard> failed) {
    if (failed.isEmpty()) {
      return null;
    }
    List<List<Cell>> rows = new ArrayList<>();
    for (FailedShard f : failed) {
      rows.add(
          ReportView.cells(
              String.valueOf(f.getIndex()),
              ReportView.orDash(f.getPod()),
              ReportView.orDash(f.getReason())));
    }
    return new Table("failed-shards", List.of("Shard", "Last pod", "Why"), rows);
  }

  private static Table drops(ClientFaultResults clients) {
    if (clients == null || clients.getSignalDrops().isEmpty()) {
      return null;
    }
    List<List<Cell>> rows = new ArrayList<>();
    for (SignalDropResult d : clients.getSignalDrops()) {
      rows.add(
          List.of(
              Cell.of(ReportView.orDash(d.getClientKind())),
              Cell.count(d.getDrops()),
              Cell.count(d.getClients()),
              Cell.of(Units.millis(d.getLongestOutageMillis()))));
    }
    return new Table(
        "signal-drops",
        List.of("Client kind", "Signals socket drops", "Clients that dropped", "Longest outage"),
        rows);
  }
}
