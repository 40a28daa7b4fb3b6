package io.chatnet.operator.report;

import io.chatnet.operator.api.TrafficResult;
import io.chatnet.operator.report.ReportView.Cell;
import java.util.ArrayList;
import java.util.List;

/**
 * The results table's RLN columns (refused sends and the refused share), after "Failed", shown when
 * any traffic kind had sends refused by the rate limit.
 */
final class RefusalCells {
  private static final int AFTER = 3; // Traffic, Sent, Failed

  private RefusalCells() {}

  static List<String> headers(List<String> headers, boolean refusals) {
    if (!refusals) {
      return headers;
    }
    List<String> out = new ArrayList<>(headers);
    out.addAll(AFTER, List.of("Refused", "Refused share"));
    return out;
  }

  static List<Cell> add(List<Cell> row, TrafficResult r, boolean refusals) {
    if (!refusals) {
      return row;
    }
    List<Cell> out = new ArrayList<>(row);
    out.addAll(
        AFTER,
        List.of(
            r == null ? Cell.NOT_MEASURED : Cell.count(r.getRefused()),
            r == null ? Cell.NOT_MEASURED : Cell.figure(r.getRefusedShare(), Units::ratio)));
    return out;
  }
}
