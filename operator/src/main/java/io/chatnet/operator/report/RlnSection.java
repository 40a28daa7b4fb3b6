package io.chatnet.operator.report;

import io.chatnet.operator.api.ExperimentCriteria;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.RlnMetrics;
import io.chatnet.operator.api.TrafficResult;
import io.chatnet.operator.report.ReportView.Cell;
import io.chatnet.operator.report.ReportView.Fact;
import io.chatnet.operator.report.ReportView.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The experiment report's "RLN rate limit" part (docs/rln-results.md): the network's limit, the
 * sends the limit refused per traffic kind (by sender client kind, the share, the criterion's
 * bound) and what validation cost the nodes (results.metrics.rln). Present only when the run had
 * RLN: the network has it on, the nodes did RLN work, something was refused, or a criterion bounds
 * the refused share. Every figure is report.json's, formatted; absent reads "not measured".
 */
final class RlnSection {
  private RlnSection() {}

  /** What the template lays out; {@code nodes} null: no node reported RLN work in the window. */
  record View(List<Fact> settings, Table refused, Table nodes) {}

  static void put(Map<String, Object> data, ExperimentReport report) {
    data.put("rln", of(report));
  }

  static View of(ExperimentReport report) {
    ExperimentReport.Rln spec = report.network().rln();
    ExperimentResults results = report.outcome().results();
    RlnMetrics metrics =
        results == null || results.getMetrics() == null ? null : results.getMetrics().getRln();
    Map<String, TrafficResult> kinds = kinds(results);
    ExperimentCriteria criteria = report.load().criteria();
    Double bound = criteria == null ? null : criteria.getMaxRefusedShare();
    boolean refusals =
        kinds.values().stream().anyMatch(r -> r.getRefused() != null && r.getRefused() > 0);
    if (spec == null && metrics == null && !refusals && bound == null) {
      return null;
    }
    return new View(settings(spec, bound), refused(kinds, bound), nodes(metrics));
  }

  private static List<Fact> settings(ExperimentReport.Rln spec, Double bound) {
    List<Fact> facts = new ArrayList<>();
    if (spec == null) {
      facts.add(new Fact("RLN", Cell.of("off on this network, or the network was gone")));
    } else {
      facts.add(
          new Fact(
              "User message limit",
              Cell.of(
                  spec.userMessageLimit()
                      + " messages per membership per "
                      + spec.epochSeconds()
                      + " s epoch")));
      facts.add(new Fact("Contract", Cell.of(ReportView.orDash(spec.contract()))));
      facts.add(new Fact("Chain", Cell.of(ReportView.orDash(spec.chain()))));
      facts.add(
          new Fact(
              "Validator-only groups",
              Cell.of(
                  spec.validatorGroups() == null || spec.validatorGroups().isEmpty()
                      ? "none"
                      : String.join(", ", spec.validatorGroups()))));
    }
    facts.add(
        new Fact(
            "Refused share bound (criteria.maxRefusedShare)",
            bound == null ? Cell.of("none") : Cell.of(Units.ratio(bound))));
    return facts;
  }

  private static Table refused(Map<String, TrafficResult> kinds, Double bound) {
    List<List<Cell>> rows = new ArrayList<>();
    kinds.forEach(
        (name, r) ->
            rows.add(
                List.of(
                    Cell.of(name),
                    Cell.count(r.getRefused()),
                    bySender(r.getRefusedBySender()),
                    Cell.figure(r.getRefusedShare(), Units::ratio),
                    bound == null || r.getRefusedShare() == null
                        ? Cell.of("-")
                        : r.getRefusedShare() <= bound
                            ? Cell.styled("within", "within")
                            : Cell.styled("over", "over"),
                    Cell.figure(r.getDeliveryRatio(), Units::ratio))));
    return new Table(
        "rln-refused",
        List.of(
            "Traffic",
            "Refused",
            "By sender",
            "Refused share",
            "Against the bound",
            "Delivery (accepted messages)"),
        rows);
  }

  private static Cell bySender(Map<String, Long> bySender) {
    if (bySender == null || bySender.isEmpty()) {
      return Cell.NOT_MEASURED;
    }
    return Cell.of(
        bySender.entrySet().stream()
            .map(e -> e.getKey() + " " + ReportView.count(e.getValue()))
            .collect(Collectors.joining(", ")));
  }

  private static Table nodes(RlnMetrics m) {
    if (m == null) {
      return null;
    }
    return new Table(
        "rln-nodes",
        List.of("Over all nwaku nodes, in the window", "value"),
        List.of(
            List.of(Cell.of("messages with a valid proof"), Cell.count(m.getValidMessages())),
            List.of(
                Cell.of("messages rejected as RLN-invalid"), Cell.count(m.getInvalidMessages())),
            List.of(Cell.of("messages detected as spam"), Cell.count(m.getSpamMessages())),
            List.of(Cell.of("proofs verified"), Cell.count(m.getProofsVerified())),
            List.of(
                Cell.of("proof verification time, mean"),
                Cell.figure(m.getProofVerificationSecondsMean(), RlnSection::seconds)),
            List.of(
                Cell.of("proof verification time, max"),
                Cell.figure(m.getProofVerificationSecondsMax(), RlnSection::seconds)),
            List.of(
                Cell.of("validation CPU (estimate: proofs verified x mean verification time)"),
                Cell.figure(m.getVerificationSecondsEstimate(), RlnSection::seconds)),
            List.of(
                Cell.of("proof generation time, mean"),
                Cell.figure(m.getProofGenerationSecondsMean(), RlnSection::seconds)),
            List.of(
                Cell.of("fewest proofs left to a publishing node in an epoch"),
                Cell.count(m.getRemainingProofsMin()))));
  }

  static String seconds(double s) {
    return s < 1 ? Units.millis(s * 1000) : Units.plain(s) + " s";
  }

  /** The traffic kinds with results, in the results table's order and names. */
  private static Map<String, TrafficResult> kinds(ExperimentResults results) {
    Map<String, TrafficResult> kinds = new LinkedHashMap<>();
    if (results != null) {
      put(kinds, "one-to-one", results.getOneToOne());
      put(kinds, "private groups", results.getPrivateGroups());
      put(kinds, "relay", results.getRelay());
    }
    return kinds;
  }

  private static void put(Map<String, TrafficResult> kinds, String name, TrafficResult r) {
    if (r != null) {
      kinds.put(name, r);
    }
  }
}
