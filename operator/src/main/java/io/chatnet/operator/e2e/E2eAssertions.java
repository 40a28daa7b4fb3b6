package io.chatnet.operator.e2e;

import io.chatnet.operator.analysis.MetricsStep;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentStatus;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.ExperimentPhase;
import io.chatnet.operator.api.ExperimentResults;
import io.chatnet.operator.api.ExperimentTraffic;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.MetricsResults;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.ShardStatus;
import io.chatnet.operator.api.TrafficResult;
import io.chatnet.operator.experiment.VerdictJudge;
import io.chatnet.operator.report.ExperimentReport;
import io.chatnet.operator.report.ReportConfigMap;
import io.chatnet.operator.report.ReportJson;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * make e2e's assertions: a finished experiment (spec and status), its network and its report
 * ConfigMap in, named findings out, each passed or failed with the figure it was judged on. Pure,
 * so the same code judges a real cluster's run and, in tests, a load generator run against the
 * status-backend stand-in passed through the operator's own aggregation, verdict and report.
 */
public final class E2eAssertions {
  /** The delivery threshold when the experiment sets no spec.criteria.minDeliveryRatio. */
  public static final double DEFAULT_MIN_DELIVERY_RATIO = 0.95;

  public static final String SUCCEEDED = "experiment succeeded";
  public static final String LOGGED_IN = "clients logged in";
  public static final String SHARDS = "load generator shards reported";
  public static final String VERDICT = "verdict";
  public static final String METRICS_AVAILABLE = "metrics available";
  public static final String METRICS_NODES = "metrics: bandwidth and peers";
  public static final String METRICS_GROUPS = "metrics: CPU and memory per group";
  public static final String METRICS_TRAFFIC = "metrics: chat traffic";
  public static final String REPORT = "report written";

  /** "oneToOne delivered", "privateGroups delivered". */
  public static String delivered(String kind) {
    return kind + " delivered";
  }

  /** One check: its name, whether it passed, and the figure it was judged on. */
  public record Finding(String name, boolean passed, String figure) {}

  private E2eAssertions() {}

  /**
   * Judges {@code experiment} (as read after it finished) on {@code network} (null when gone) with
   * its report ConfigMap ({@code report}, null when absent).
   */
  public static List<Finding> check(
      ChatExperiment experiment, ChatNetwork network, ConfigMap report) {
    ChatExperimentStatus status =
        experiment.getStatus() == null ? new ChatExperimentStatus() : experiment.getStatus();
    ExperimentResults results = status.getResults();
    List<Finding> findings = new ArrayList<>();
    findings.add(succeeded(status));
    findings.add(loggedIn(results, network));
    findings.add(shards(status.getShards()));
    Map<String, TrafficResult> chats = requestedChats(experiment, results);
    double min = minDeliveryRatio(experiment);
    chats.forEach((kind, result) -> findings.add(delivery(kind, result, min)));
    findings.add(verdict(status));
    MetricsResults metrics = results == null ? null : results.getMetrics();
    findings.add(metricsAvailable(status));
    findings.add(E2eMetricFindings.nodeMetrics(metrics));
    findings.add(E2eMetricFindings.groupMetrics(metrics, network));
    findings.add(E2eMetricFindings.trafficMetrics(metrics, chats.keySet()));
    findings.add(report(experiment, status, report));
    return findings;
  }

  /** The experiment's own delivery threshold, else {@link #DEFAULT_MIN_DELIVERY_RATIO}. */
  public static double minDeliveryRatio(ChatExperiment experiment) {
    var criteria = experiment.getSpec().getCriteria();
    return criteria != null && criteria.getMinDeliveryRatio() != null
        ? criteria.getMinDeliveryRatio()
        : DEFAULT_MIN_DELIVERY_RATIO;
  }

  private static Finding succeeded(ChatExperimentStatus status) {
    ExperimentPhase phase = status.getPhase();
    if (phase == ExperimentPhase.Succeeded) {
      return new Finding(SUCCEEDED, true, "phase Succeeded");
    }
    String why =
        condition(status, "Failed")
            .filter(c -> "True".equals(c.getStatus()))
            .map(c -> ": " + c.getReason() + ", " + c.getMessage())
            .orElse("");
    return new Finding(SUCCEEDED, false, "phase " + (phase == null ? "none" : phase) + why);
  }

  /**
   * Every client of the network logged in: status.results.clientsReady is "ready/assigned" summed
   * over the shards' summaries (a client counts as ready only on its node.login signal), and the
   * assigned count must be the network's whole client fleet (a shard that left no summary would
   * otherwise hide its clients).
   */
  private static Finding loggedIn(ExperimentResults results, ChatNetwork network) {
    String figure = results == null ? null : results.getClientsReady();
    if (figure == null || !figure.matches("\\d+/\\d+")) {
      return new Finding(LOGGED_IN, false, "not reported");
    }
    String[] parts = figure.split("/");
    long ready = Long.parseLong(parts[0]);
    long assigned = Long.parseLong(parts[1]);
    Integer fleet = clients(network);
    boolean passed = assigned > 0 && ready == assigned && (fleet == null || assigned == fleet);
    return new Finding(
        LOGGED_IN,
        passed,
        figure + (fleet == null ? "" : " (the network has " + fleet + " clients)"));
  }

  private static Integer clients(ChatNetwork network) {
    if (network == null || network.getSpec() == null) {
      return null;
    }
    return network.getSpec().getGroups().stream()
        .filter(g -> g.getKind() == GroupKind.STATUS_BACKEND)
        .mapToInt(NodeGroup::getReplicas)
        .sum();
  }

  private static Finding shards(ShardStatus shards) {
    if (shards == null) {
      return new Finding(SHARDS, false, "no shard status");
    }
    boolean passed =
        shards.getTotal() > 0
            && shards.getReported() == shards.getTotal()
            && shards.getFailed() == 0;
    return new Finding(
        SHARDS,
        passed,
        shards.getReported()
            + "/"
            + shards.getTotal()
            + " reported, "
            + shards.getFailed()
            + " failed");
  }

  /**
   * The chat kinds the spec asked for, each with its result (null when not measured). Relay load
   * has no delivery figure from the load generator (nwaku's metrics hold it), so it is not here.
   */
  private static Map<String, TrafficResult> requestedChats(
      ChatExperiment experiment, ExperimentResults results) {
    ExperimentTraffic traffic = experiment.getSpec().getTraffic();
    Map<String, TrafficResult> chats = new LinkedHashMap<>();
    if (traffic != null && traffic.getOneToOne() != null) {
      chats.put("oneToOne", results == null ? null : results.getOneToOne());
    }
    if (traffic != null && traffic.getPrivateGroups() != null) {
      chats.put("privateGroups", results == null ? null : results.getPrivateGroups());
    }
    return chats;
  }

  private static Finding delivery(String kind, TrafficResult result, double min) {
    if (result == null) {
      return new Finding(delivered(kind), false, "not measured");
    }
    Double ratio = result.getDeliveryRatio();
    boolean passed = result.getReceived() > 0 && ratio != null && ratio >= min;
    return new Finding(
        delivered(kind),
        passed,
        String.format(
            Locale.ROOT,
            "received %d of %d expected (%s, min %s), %d sent",
            result.getReceived(),
            result.getExpected(),
            ratio == null ? "n/a" : String.format(Locale.ROOT, "%.3f", ratio),
            String.format(Locale.ROOT, "%.3f", min),
            result.getSent()));
  }

  private static Finding verdict(ChatExperimentStatus status) {
    if (status.getVerdict() == null || status.getVerdict().getResult() == null) {
      return new Finding(VERDICT, false, "none");
    }
    String result = status.getVerdict().getResult();
    List<String> reasons = status.getVerdict().getReasons();
    return new Finding(
        VERDICT,
        VerdictJudge.PASSED.equals(result),
        result + (reasons == null || reasons.isEmpty() ? "" : ": " + String.join("; ", reasons)));
  }

  private static Finding metricsAvailable(ChatExperimentStatus status) {
    return condition(status, MetricsStep.CONDITION)
        .map(
            c ->
                new Finding(
                    METRICS_AVAILABLE,
                    "True".equals(c.getStatus()),
                    c.getStatus() + ", " + c.getReason() + ": " + c.getMessage()))
        .orElse(
            new Finding(METRICS_AVAILABLE, false, "no " + MetricsStep.CONDITION + " condition"));
  }

  /**
   * The report ConfigMap exists, is the one status names with ReportStored=True, holds a
   * report.json that reads back as this experiment's report and a non-empty report.html.
   */
  private static Finding report(
      ChatExperiment experiment, ChatExperimentStatus status, ConfigMap report) {
    Optional<Condition> stored = condition(status, "ReportStored");
    if (stored.isEmpty() || !"True".equals(stored.get().getStatus())) {
      return new Finding(
          REPORT,
          false,
          stored
              .map(
                  c ->
                      "ReportStored "
                          + c.getStatus()
                          + ", "
                          + c.getReason()
                          + ": "
                          + c.getMessage())
              .orElse("no ReportStored condition"));
    }
    if (report == null) {
      return new Finding(REPORT, false, "ConfigMap " + status.getReportConfigMap() + " not found");
    }
    String name = report.getMetadata().getName();
    if (!name.equals(status.getReportConfigMap())) {
      return new Finding(
          REPORT, false, "status names " + status.getReportConfigMap() + ", not " + name);
    }
    Map<String, String> data = report.getData() == null ? Map.of() : report.getData();
    String json = data.get(ReportConfigMap.JSON_KEY);
    String html = data.get(ReportConfigMap.HTML_KEY);
    if (json == null || json.isBlank()) {
      return new Finding(REPORT, false, name + " has no " + ReportConfigMap.JSON_KEY);
    }
    ExperimentReport parsed;
    try {
      parsed = ReportJson.read(json, name);
    } catch (RuntimeException e) {
      return new Finding(
          REPORT, false, ReportConfigMap.JSON_KEY + " unreadable: " + e.getMessage());
    }
    if (parsed.experiment() == null
        || !experiment.getMetadata().getName().equals(parsed.experiment().name())) {
      return new Finding(
          REPORT, false, ReportConfigMap.JSON_KEY + " is not the report of this experiment");
    }
    if (html == null || html.isBlank()) {
      return new Finding(REPORT, false, name + " has an empty " + ReportConfigMap.HTML_KEY);
    }
    return new Finding(
        REPORT,
        true,
        String.format(
            Locale.ROOT,
            "%s: %s %d bytes, %s %d bytes",
            name,
            ReportConfigMap.JSON_KEY,
            json.length(),
            ReportConfigMap.HTML_KEY,
            html.length()));
  }

  private static Optional<Condition> condition(ChatExperimentStatus status, String type) {
    return status.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** Findings as a table, one line each: PASS or FAIL, the name, the figure. */
  public static String table(List<Finding> findings) {
    int width = findings.stream().mapToInt(f -> f.name().length()).max().orElse(0);
    StringBuilder out = new StringBuilder();
    for (Finding f : findings) {
      out.append(f.passed() ? "PASS  " : "FAIL  ")
          .append(String.format(Locale.ROOT, "%-" + width + "s", f.name()))
          .append("  ")
          .append(f.figure())
          .append('\n');
    }
    return out.toString();
  }

  public static boolean allPassed(List<Finding> findings) {
    return !findings.isEmpty() && findings.stream().allMatch(Finding::passed);
  }
}
