package io.chatnet.operator.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatnet.testkit.prometheus.PrometheusServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates every query of a Grafana dashboard against a real Prometheus, as Grafana would send it:
 * template variables are resolved in order from their own label_values queries (each must find
 * values), multi-value and All variables take Grafana's regex form {@code (a|b)}, and the built-in
 * intervals get fixed values. A query that does not parse, still holds a variable, or returns no
 * data is a problem, named by dashboard, panel and query.
 */
final class DashboardChecker {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\[\\[(\\w+)(?::\\w+)?]]|\\$(\\w+)");
  private static final Pattern LABEL_VALUES =
      Pattern.compile("^\\s*label_values\\((?:(.*),)?\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*$");

  private final PrometheusServer prometheus;
  private final Instant at;
  private final Map<String, String> builtins;

  /** Queries run as instant queries at {@code at}; {@code range} stands for Grafana's range. */
  DashboardChecker(PrometheusServer prometheus, Instant at, long rangeSeconds) {
    this.prometheus = prometheus;
    this.at = at;
    this.builtins =
        Map.of(
            "__rate_interval", "1m",
            "__interval", "30s",
            "__range", rangeSeconds + "s");
  }

  /** One query that failed, and why. */
  record Problem(String dashboard, String where, String query, String why) {
    @Override
    public String toString() {
      return dashboard + " / " + where + ": " + why + "\n    " + query;
    }
  }

  /** How many queries a dashboard has and which of them failed. */
  record Result(int queries, List<Problem> problems) {}

  Result check(Path file) throws IOException {
    JsonNode dashboard = JSON.readTree(Files.readString(file));
    String name = file.getFileName() + " (\"" + dashboard.path("title").asText() + "\")";
    List<Problem> problems = new ArrayList<>();
    int queries = 0;
    Map<String, String> values = new LinkedHashMap<>(builtins);
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      String type = variable.path("type").asText();
      String varName = variable.path("name").asText();
      if (!type.equals("query")) {
        continue;
      }
      queries++;
      JsonNode queryNode = variable.path("query");
      String query = queryNode.isObject() ? queryNode.path("query").asText() : queryNode.asText();
      String where = "variable $" + varName;
      List<String> found = variableValues(name, where, query, values, problems);
      if (found.isEmpty()) {
        continue;
      }
      boolean multi = variable.path("multi").asBoolean() || variable.path("includeAll").asBoolean();
      values.put(varName, multi ? alternation(found) : found.get(0));
    }
    for (JsonNode panel : panels(dashboard)) {
      for (JsonNode target : panel.path("targets")) {
        if (!target.hasNonNull("expr")) {
          continue;
        }
        queries++;
        String where =
            "panel \""
                + panel.path("title").asText()
                + "\" (id "
                + panel.path("id").asText()
                + ") query "
                + target.path("refId").asText();
        String expr = target.path("expr").asText();
        String resolved = substitute(expr, values, name, where, problems);
        if (resolved == null) {
          continue;
        }
        JsonNode result = evaluate(name, where, resolved, problems);
        if (result != null && result.isEmpty()) {
          problems.add(new Problem(name, where, resolved, "returned no data"));
        }
      }
    }
    return new Result(queries, problems);
  }

  /** The values of a template variable, from its label_values query run as PromQL. */
  private List<String> variableValues(
      String dashboard,
      String where,
      String query,
      Map<String, String> values,
      List<Problem> problems) {
    Matcher m = LABEL_VALUES.matcher(query);
    if (!m.matches()) {
      problems.add(new Problem(dashboard, where, query, "is not label_values(metric{...}, label)"));
      return List.of();
    }
    String label = m.group(2);
    String selector = m.group(1) == null ? "{" + label + "!=\"\"}" : m.group(1);
    String resolved = substitute(selector, values, dashboard, where, problems);
    if (resolved == null) {
      return List.of();
    }
    // Grafana asks for the label's values among series seen in the time range.
    String promql =
        "group by ("
            + label
            + ") (last_over_time("
            + resolved
            + "["
            + builtins.get("__range")
            + "]))";
    JsonNode result = evaluate(dashboard, where, promql, problems);
    Set<String> found = new LinkedHashSet<>();
    if (result != null) {
      result.forEach(r -> found.add(r.path("metric").path(label).asText()));
      found.remove("");
      if (found.isEmpty()) {
        problems.add(new Problem(dashboard, where, promql, "found no values"));
      }
    }
    return List.copyOf(found);
  }

  private JsonNode evaluate(String dashboard, String where, String promql, List<Problem> problems) {
    try {
      return prometheus.query(promql, at);
    } catch (RuntimeException e) {
      problems.add(
          new Problem(dashboard, where, promql, "Prometheus refused it: " + e.getMessage()));
      return null;
    }
  }

  /** The query with every variable replaced, or null (and a problem) when one is unknown. */
  private static String substitute(
      String query,
      Map<String, String> values,
      String dashboard,
      String where,
      List<Problem> problems) {
    Matcher m = VARIABLE.matcher(query);
    StringBuilder out = new StringBuilder();
    List<String> unknown = new ArrayList<>();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      String value = values.get(name);
      if (value == null) {
        unknown.add("$" + name);
        value = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    if (!unknown.isEmpty()) {
      problems.add(new Problem(dashboard, where, query, "uses undefined variable(s) " + unknown));
      return null;
    }
    return out.toString();
  }

  /** Grafana's form of a multi-value (or All) variable in a regex matcher. */
  static String alternation(List<String> values) {
    List<String> escaped = new ArrayList<>();
    for (String v : values) {
      escaped.add(v.replaceAll("([\\\\^$*+?.()|{}\\[\\]])", "\\\\\\\\$1"));
    }
    return "(" + String.join("|", escaped) + ")";
  }

  /** Every panel, those inside collapsed rows included. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      all.add(panel);
      panel.path("panels").forEach(all::add);
    }
    return all;
  }
}
