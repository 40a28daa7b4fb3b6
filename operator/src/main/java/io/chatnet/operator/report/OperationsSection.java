package io.chatnet.operator.report;

import io.chatnet.operator.api.CatchUpResult;
import io.chatnet.operator.api.ContactRequestResult;
import io.chatnet.operator.api.Distribution;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.GroupCreationResult;
import io.chatnet.operator.api.GroupMetrics;
import io.chatnet.operator.api.LatencyPercentiles;
import io.chatnet.operator.api.OperationResults;
import io.chatnet.operator.api.OperationTiming;
import io.chatnet.operator.api.PhaseWindow;
import io.chatnet.operator.report.ReportView.Cell;
import io.chatnet.operator.report.ReportView.Figure;
import io.chatnet.operator.report.ReportView.Table;
import io.chatnet.operator.report.chart.BarChart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The experiment report's measured operations (status.results.operations): login, contact requests,
 * group creation and catch-up after offline spells, each charted per client kind (and offline
 * length) with its counts in a table, and the phases as the shards ran them.
 */
final class OperationsSection {
  /** What the template lays out; null parts are left out. */
  record View(List<Figure> figures, List<Table> tables, List<String> notes) {}

  private OperationsSection() {}

  static void put(Map<String, Object> data, ExperimentReport report) {
    ExperimentResults results = report.outcome().results();
    OperationResults ops = results == null ? null : results.getOperations();
    View view = ops == null ? null : view(ops);
    List<GroupMetrics> idle =
        results == null || results.getMetrics() == null
            ? List.of()
            : results.getMetrics().getIdleBaseline();
    if (!idle.isEmpty()) {
      if (view == null) {
        view = new View(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      }
      idleBaseline(idle, view);
    }
    data.put("operations", view);
  }

  /** CPU and memory per client group over the idle phase (status.results.metrics.idleBaseline). */
  private static void idleBaseline(List<GroupMetrics> idle, View view) {
    List<String> groups = names(idle, GroupMetrics::getName);
    view.figures()
        .add(
            new Figure(
                new BarChart("Idle baseline: CPU per client, by group", "cores", Units::cores)
                    .categories(groups)
                    .series("mean", cpu(idle, Distribution::getMean))
                    .series("p95", cpu(idle, Distribution::getP95))
                    .series("max", cpu(idle, Distribution::getMax))
                    .svg(),
                "Over exactly the idle phase: clients online with their contacts and groups,"
                    + " nothing sent."));
    List<List<Cell>> rows = new ArrayList<>();
    for (GroupMetrics g : idle) {
      Distribution cpu = g.getCpuCores();
      Distribution memory = g.getMemoryBytes();
      rows.add(
          List.of(
              Cell.of(g.getName()),
              Cell.of(g.getRole() == null ? "-" : g.getRole()),
              Cell.figure(cpu == null ? null : cpu.getMean(), Units::cores),
              Cell.figure(cpu == null ? null : cpu.getMax(), Units::cores),
              Cell.figure(memory == null ? null : memory.getMean(), Units::bytes),
              Cell.figure(memory == null ? null : memory.getMax(), Units::bytes),
              Cell.NOT_MEASURED));
    }
    view.tables()
        .add(
            new Table(
                "idle-baseline",
                List.of(
                    "Client group",
                    "Role",
                    "CPU mean",
                    "CPU max",
                    "Memory mean",
                    "Memory max",
                    "Bandwidth (not exposed by status-backend)"),
                rows));
  }

  static View view(OperationResults ops) {
    List<Figure> figures = new ArrayList<>();
    List<Table> tables = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    if (!ops.getLogin().isEmpty()) {
      figures.add(
          timing(
              "Login time per client kind",
              names(ops.getLogin(), OperationTiming::getClientKind),
              times(ops.getLogin(), OperationTiming::getTime),
              "From the CreateAccountAndLogin call to status-go's node.login signal."));
      List<List<Cell>> rows = new ArrayList<>();
      for (OperationTiming r : ops.getLogin()) {
        rows.add(
            withTime(
                List.of(
                    Cell.of(r.getClientKind()),
                    Cell.count(r.getAttempted()),
                    Cell.count(r.getSucceeded()),
                    Cell.count(r.getFailed())),
                r.getTime()));
      }
      tables.add(table("login", rows, "Client kind", "Attempted", "Succeeded", "Failed"));
    }
    contactRequests(ops.getContactRequests(), figures, tables);
    if (!ops.getGroupCreation().isEmpty()) {
      List<GroupCreationResult> groups = ops.getGroupCreation();
      figures.add(
          timing(
              "Group creation time per creator kind",
              names(groups, GroupCreationResult::getClientKind),
              times(groups, GroupCreationResult::getTime),
              "From the create call to the last member seeing the group (complete groups)."));
      List<List<Cell>> rows = new ArrayList<>();
      for (GroupCreationResult r : groups) {
        rows.add(
            withTime(
                List.of(
                    Cell.of(r.getClientKind()),
                    Cell.count(r.getAttempted()),
                    Cell.count(r.getCreated()),
                    Cell.count(r.getFailed()),
                    Cell.count(r.getComplete()),
                    Cell.count(r.getIncomplete())),
                r.getTime()));
      }
      tables.add(
          table(
              "group-creation",
              rows,
              "Creator kind",
              "Attempted",
              "Created",
              "Failed",
              "Complete",
              "Incomplete"));
    }
    catchUp(ops.getCatchUp(), figures, tables);
    for (PhaseWindow p : ops.getPhases()) {
      notes.add("Phase " + p.getPhase() + ": " + p.getFrom() + " to " + p.getTo() + ".");
    }
    if (ops.getRoles() != null) {
      notes.add(
          "Clients: "
              + ReportView.count(ops.getRoles().getSenders())
              + " sending, "
              + ReportView.count(ops.getRoles().getSilent())
              + " in chats but silent, "
              + ReportView.count(ops.getRoles().getUnchatting())
              + " in no chat.");
    }
    return new View(figures, tables, notes);
  }

  private static void contactRequests(
      List<ContactRequestResult> contacts, List<Figure> figures, List<Table> tables) {
    if (contacts.isEmpty()) {
      return;
    }
    List<String> kinds = names(contacts, ContactRequestResult::getClientKind);
    figures.add(
        new Figure(
            new BarChart("Contact-request success per requester kind", "share", Units::ratio)
                .categories(kinds)
                .series("delivered", values(contacts, ContactRequestResult::getDeliveredRatio))
                .series("success rate", values(contacts, ContactRequestResult::getSuccessRate))
                .svg(),
            "Delivered: requests seen by their target. Success: accepted back, declined or"
                + " ignored as planned, over planned requests."));
    figures.add(
        timing(
            "Contact-request round trip per requester kind",
            kinds,
            times(contacts, ContactRequestResult::getRoundTrip),
            "From the send call to the acceptance arriving back at the requester."));
    List<List<Cell>> rows = new ArrayList<>();
    for (ContactRequestResult r : contacts) {
      rows.add(
          withTime(
              List.of(
                  Cell.of(r.getClientKind()),
                  Cell.count(r.getPlanned()),
                  Cell.count(r.getFailed()),
                  Cell.count(r.getDelivered()),
                  Cell.count(r.getAccepted()),
                  Cell.count(r.getDeclined()),
                  Cell.count(r.getIgnored()),
                  Cell.count(r.getUnanswered()),
                  Cell.figure(r.getSuccessRate(), Units::ratio)),
              r.getRoundTrip()));
    }
    tables.add(
        table(
            "contact-requests",
            rows,
            "Requester kind",
            "Planned",
            "Send failed",
            "Delivered",
            "Accepted back",
            "Declined",
            "Ignored",
            "Unanswered",
            "Success"));
  }

  private static void catchUp(
      List<CatchUpResult> catchUp, List<Figure> figures, List<Table> tables) {
    if (catchUp.isEmpty()) {
      return;
    }
    List<String> spells =
        names(catchUp, r -> r.getClientKind() + ", " + r.getOfflineSeconds() + " s offline");
    figures.add(
        timing(
            "Catch-up time per offline length",
            spells,
            times(catchUp, CatchUpResult::getTime),
            "From coming back online to the last message missed meanwhile arriving."));
    figures.add(
        new Figure(
            new BarChart("Missed messages that never arrived", "share", Units::ratio)
                .categories(spells)
                .series("never arrived", values(catchUp, CatchUpResult::getNeverArrivedRatio))
                .svg(),
            "Within the load generator's retention window after each send."));
    List<List<Cell>> rows = new ArrayList<>();
    for (CatchUpResult r : catchUp) {
      rows.add(
          withTime(
              List.of(
                  Cell.of(r.getClientKind()),
                  Cell.of(r.getOfflineSeconds() + " s"),
                  Cell.count(r.getSpells()),
                  Cell.count(r.getCaughtUp()),
                  Cell.count(r.getMissed()),
                  Cell.count(r.getArrived()),
                  Cell.count(r.getNeverArrived()),
                  Cell.figure(r.getNeverArrivedRatio(), Units::ratio)),
              r.getTime()));
    }
    tables.add(
        table(
            "catch-up",
            rows,
            "Client kind",
            "Offline",
            "Spells",
            "Caught up",
            "Missed",
            "Arrived",
            "Never arrived",
            "Never-arrived share"));
  }

  private static List<Double> cpu(List<GroupMetrics> groups, Function<Distribution, Double> f) {
    return groups.stream()
        .map(g -> g.getCpuCores() == null ? null : f.apply(g.getCpuCores()))
        .toList();
  }

  private static Figure timing(
      String title, List<String> categories, List<LatencyPercentiles> times, String caption) {
    return new Figure(
        new BarChart(title, "time", Units::millis)
            .categories(categories)
            .series("p50", field(times, LatencyPercentiles::getP50Millis))
            .series("p95", field(times, LatencyPercentiles::getP95Millis))
            .series("p99", field(times, LatencyPercentiles::getP99Millis))
            .series("max", field(times, LatencyPercentiles::getMaxMillis))
            .svg(),
        caption);
  }

  /** The row with the timing's percentiles appended (p50, p95, p99, max). */
  private static List<Cell> withTime(List<Cell> row, LatencyPercentiles t) {
    List<Cell> out = new ArrayList<>(row);
    for (Function<LatencyPercentiles, Double> f :
        List.<Function<LatencyPercentiles, Double>>of(
            LatencyPercentiles::getP50Millis,
            LatencyPercentiles::getP95Millis,
            LatencyPercentiles::getP99Millis,
            LatencyPercentiles::getMaxMillis)) {
      out.add(Cell.figure(t == null ? null : f.apply(t), Units::millis));
    }
    return out;
  }

  private static Table table(String css, List<List<Cell>> rows, String... header) {
    List<String> all = new ArrayList<>(List.of(header));
    all.addAll(List.of("p50", "p95", "p99", "max"));
    return new Table(css, all, rows);
  }

  private static <R> List<String> names(List<R> rows, Function<R, String> name) {
    return rows.stream().map(name).toList();
  }

  private static <R> List<LatencyPercentiles> times(
      List<R> rows, Function<R, LatencyPercentiles> time) {
    return rows.stream().map(time).toList();
  }

  private static <R> List<Double> values(List<R> rows, Function<R, Double> value) {
    return rows.stream().map(value).toList();
  }

  private static List<Double> field(
      List<LatencyPercentiles> times, Function<LatencyPercentiles, Double> f) {
    return times.stream().map(t -> t == null ? null : f.apply(t)).toList();
  }
}
