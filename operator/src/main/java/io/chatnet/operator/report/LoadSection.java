package io.chatnet.operator.report;

import io.chatnet.operator.api.ExperimentFault;
import io.chatnet.operator.api.PeriodicBehaviour;
import io.chatnet.operator.report.ExperimentReport.Load;
import io.chatnet.operator.report.ReportView.Cell;
import io.chatnet.operator.report.ReportView.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The experiment report's "Load" part: the offered traffic, planned spells and faults, the fault
 * log.
 */
final class LoadSection {
  private LoadSection() {}

  static void put(Map<String, Object> data, ExperimentReport report) {
    Load load = report.load();
    List<List<Cell>> rows = new ArrayList<>();
    if (load.oneToOne() != null) {
      var t = load.oneToOne();
      rows.add(
          ReportView.cells(
              "one-to-one",
              t.getPairs()
                  + " pairs, "
                  + Units.plain(t.getMessagesPerMinute())
                  + " msg/min per side, "
                  + t.getPayloadBytes()
                  + " B",
              Units.plain(load.oneToOneMessagesPerSecond()) + " msg/s"));
    }
    if (load.privateGroups() != null) {
      var t = load.privateGroups();
      rows.add(
          ReportView.cells(
              "private groups",
              t.getGroups()
                  + " x "
                  + t.getMembersPerGroup()
                  + " members, "
                  + Units.plain(t.getMessagesPerMinute())
                  + " msg/min per member, "
                  + t.getPayloadBytes()
                  + " B",
              Units.plain(load.privateGroupMessagesPerSecond()) + " msg/s"));
    }
    if (load.relay() != null) {
      var t = load.relay();
      rows.add(
          ReportView.cells(
              "relay",
              t.getPayloadBytes() + " B on " + t.getContentTopic(),
              Units.plain(load.relayMessagesPerSecond()) + " msg/s"));
    }
    rows.add(
        List.of(
            Cell.styled("total", "total"),
            Cell.of(""),
            Cell.of(Units.plain(load.messagesPerSecond()) + " msg/s")));
    data.put(
        "load",
        new Table("load", List.of("Traffic", "Shape", "Offered rate (network-wide)"), rows));
    data.put("loadShards", load.loadGeneratorShards());
    List<String> spells = new ArrayList<>();
    if (load.behaviours() != null) {
      spell(spells, "Offline spells", load.behaviours().getOffline());
      spell(spells, "Background spells", load.behaviours().getBackground());
    }
    data.put("plannedSpells", spells);
    List<List<Cell>> faults = new ArrayList<>();
    List<ExperimentFault> planned = load.faults() == null ? List.of() : load.faults();
    for (int i = 0; i < planned.size(); i++) {
      ExperimentFault f = planned.get(i);
      faults.add(
          ReportView.cells(
              String.valueOf(i),
              ReportJson.name(f.getType()),
              f.getGroup(),
              Units.ratio(f.getFraction()),
              f.getAtSeconds() + " s",
              f.getDurationSeconds() == null ? "-" : f.getDurationSeconds() + " s"));
    }
    data.put(
        "faults",
        faults.isEmpty()
            ? null
            : new Table("faults", List.of("#", "Fault", "Group", "Share", "At", "Lasts"), faults));
    data.put("faultLog", report.outcome().faultLog());
  }

  private static void spell(List<String> out, String name, PeriodicBehaviour b) {
    if (b != null) {
      out.add(
          name
              + ": "
              + Units.ratio(b.getFraction())
              + " of clients, "
              + b.getDurationSeconds()
              + " s every "
              + b.getPeriodSeconds()
              + " s.");
    }
  }
}
