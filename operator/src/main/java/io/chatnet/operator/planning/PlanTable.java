package io.chatnet.operator.planning;

import io.chatnet.operator.capacity.CapacityPlan;
import io.chatnet.operator.capacity.PlanRequest;
import io.chatnet.operator.capacity.Prediction;
import io.chatnet.operator.capacity.Quantity;
import io.chatnet.operator.capacity.Traffic;
import io.chatnet.operator.report.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plan as the text table the plan verb prints: inputs, per pod figures, limits, the answer. */
final class PlanTable {
  private PlanTable() {}

  static String render(CapacityPlan plan) {
    PlanRequest r = plan.request();
    StringBuilder out = new StringBuilder();
    String load =
        r.networkRate() != null
            ? Units.plain(r.networkRate()) + " msg/s network-wide"
            : Units.plain(r.ratePerUser())
                + " msg/s per user ("
                + Units.plain(r.messagesPerSecond())
                + " msg/s network-wide)";
    String mix =
        r.traffic() == Traffic.PRIVATE_GROUPS
            ? "private groups of " + r.groupSize()
            : r.networkRate() != null && r.users() == 0 ? "relay publishes" : r.traffic().label();
    out.append(
        String.format(
            Locale.ROOT,
            "chatnet plan: %d users, %s, %s, %s messages, %s envelopes/s on the wire%n",
            r.users(),
            load,
            mix,
            Sizes.rate(r.messageBytes()).replace("/s", ""),
            Units.plain(r.envelopesPerSecond())));
    out.append("source: ").append(plan.source()).append('\n');
    out.append(
        String.format(
            Locale.ROOT,
            "pods: %d relay (%s), %d clients; machines of %s cores, %s, %d pods%s%n%n",
            plan.relayNodes(),
            plan.relayNodesFrom(),
            r.users(),
            Units.plain(r.nodeCpuCores()),
            Units.bytes(r.nodeMemoryBytes()),
            r.maxPodsPerNode(),
            r.nodeBandwidth() == null ? "" : ", " + Sizes.rate(r.nodeBandwidth()) + " each way"));
    String level = Units.plain(r.level() * 100) + "%";
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {
          "FIGURE", "PREDICTED", level + " BAND (LAW)", level + " BAND (NEW RUN)", "SOURCE"
        });
    List<String> sources = new ArrayList<>();
    for (CapacityPlan.Figure f : plan.perPod()) {
      Prediction p = f.prediction();
      String source = f.source();
      if (source.length() > 40) {
        // Long citations once, under the table.
        if (!sources.contains(source)) {
          sources.add(source);
        }
        source = "[" + (sources.indexOf(source) + 1) + "]";
      }
      boolean band = p.predictionHigh() != p.predictionLow();
      rows.add(
          new String[] {
            f.quantity().label() + (perPod(f.quantity()) ? " per pod" : ""),
            format(f.quantity(), p.value()),
            band
                ? format(f.quantity(), p.confidenceLow())
                    + " - "
                    + format(f.quantity(), p.confidenceHigh())
                : "-",
            band
                ? format(f.quantity(), p.predictionLow())
                    + " - "
                    + format(f.quantity(), p.predictionHigh())
                : "-",
            source
          });
    }
    table(out, rows);
    for (int i = 0; i < sources.size(); i++) {
      out.append('[').append(i + 1).append("] ").append(sources.get(i)).append('\n');
    }
    out.append('\n');
    rows.clear();
    rows.add(new String[] {"LIMIT", "DEMAND", "PER MACHINE", "MACHINES", "AT BAND HIGH"});
    for (CapacityPlan.Limit l : plan.limits()) {
      rows.add(
          new String[] {
            l.name(),
            limitValue(l.name(), l.demand()),
            limitValue(l.name(), l.perNode()),
            String.valueOf(l.nodes()),
            String.valueOf(l.nodesAtBandHigh())
          });
    }
    table(out, rows);
    out.append(
        String.format(
            Locale.ROOT,
            "%nmachines needed: %d (%s binds first); %d at the bands' upper end%n",
            plan.nodesNeeded(),
            plan.binding(),
            plan.nodesNeededAtBandHigh()));
    for (String note : plan.notes()) {
      out.append("note: ").append(note).append('\n');
    }
    return out.toString();
  }

  private static boolean perPod(Quantity q) {
    return q.unit() != Quantity.Unit.RATIO && q.unit() != Quantity.Unit.MILLIS;
  }

  private static String limitValue(String name, double value) {
    if (name.startsWith("memory")) {
      return Units.bytes(value);
    }
    if (name.startsWith("bandwidth")) {
      return Sizes.rate(value);
    }
    return Units.plain(value);
  }

  static String format(Quantity q, double value) {
    return switch (q.unit()) {
      case BYTES_PER_SECOND -> Sizes.rate(value);
      case BYTES -> Units.bytes(value);
      case CORES -> Units.plain(value);
      case RATIO -> Units.ratio(value);
      case MILLIS -> Units.millis(value);
    };
  }

  /** Left-aligned columns two spaces apart, the last one as long as it is. */
  private static void table(StringBuilder out, List<String[]> rows) {
    int[] width = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(
            i == row.length - 1
                ? row[i]
                : String.format(Locale.ROOT, "%-" + width[i] + "s  ", row[i]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
