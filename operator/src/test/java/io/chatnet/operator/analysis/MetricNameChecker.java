package io.chatnet.operator.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the metric names of a PromQL expression (a dashboard panel's, a Grafana label_values
 * variable's, or the analyzer's) against what each supported version exposes. Every vector selector
 * names its metric either bare ({@code name{...}}) or as alternatives ({@code
 * {__name__=~"a|b",...}}). A selector passes when each of its names is exposed by some supported
 * version (or declared by the load generator), and, for each component (nodes, clients) any of its
 * names belongs to, every version of that component that serves metrics exposes one of them.
 */
final class MetricNameChecker {
  private final List<UpstreamMetrics> versions;
  private final Set<String> loadgen;

  MetricNameChecker(List<UpstreamMetrics> versions, Set<String> loadgen) {
    this.versions = List.copyOf(versions);
    this.loadgen = Set.copyOf(loadgen);
  }

  /** One selector's names that fail, and why. */
  record Problem(String where, String names, String why) {
    @Override
    public String toString() {
      return where + ": " + names + " " + why;
    }
  }

  private static final Pattern LABEL_VALUES =
      Pattern.compile("^\\s*label_values\\((?:(.*),)?\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)\\s*$");

  /** The problems of one expression; a Grafana label_values(selector, label) is checked too. */
  List<Problem> check(String where, String expression) {
    String promql = expression;
    Matcher lv = LABEL_VALUES.matcher(expression);
    if (lv.matches()) {
      promql = lv.group(1) == null ? "" : lv.group(1);
    }
    List<Problem> problems = new ArrayList<>();
    List<Set<String>> selectors;
    try {
      selectors = selectors(promql);
    } catch (IllegalArgumentException e) {
      return List.of(new Problem(where, "", e.getMessage()));
    }
    for (Set<String> names : selectors) {
      problems.addAll(check(where, names));
    }
    return problems;
  }

  private List<Problem> check(String where, Set<String> names) {
    String shown = String.join("|", names);
    if (names.isEmpty()) {
      return List.of(new Problem(where, "{...}", "selects no metric name"));
    }
    List<Problem> problems = new ArrayList<>();
    Set<UpstreamMetrics.Component> components = new LinkedHashSet<>();
    for (String name : names) {
      boolean known = loadgen.contains(name);
      for (UpstreamMetrics v : versions) {
        if (v.exposed().contains(name)) {
          known = true;
          components.add(v.component());
        }
      }
      if (!known && name.startsWith("chatnet_loadgen_")) {
        problems.add(new Problem(where, name, "is not a metric the load generator declares"));
      } else if (!known) {
        String hint =
            versions.stream().anyMatch(v -> v.exposed().contains(name + "_total"))
                ? " (a Nim counter is exposed with _total appended: " + name + "_total)"
                : "";
        problems.add(new Problem(where, name, "is exposed by no supported version" + hint));
      }
    }
    for (UpstreamMetrics v : versions) {
      if (!components.contains(v.component()) || !v.servesMetrics()) {
        continue;
      }
      if (names.stream().noneMatch(v.exposed()::contains)) {
        problems.add(
            new Problem(
                where,
                shown,
                "is not exposed by "
                    + v.id()
                    + " (cover its spelling too, e.g. {__name__=~\"a|b\"})"));
      }
    }
    return problems;
  }

  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "atan2",
          "start",
          "end",
          "inf",
          "nan");
  private static final Set<String> GROUPING =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
  private static final Pattern NAME_MATCHER =
      Pattern.compile("__name__\\s*(=~|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern ALTERNATIVES =
      Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\|[a-zA-Z_:][a-zA-Z0-9_:]*)*");

  /**
   * The metric names of each vector selector in an expression, in order: a lexical walk that skips
   * strings, ranges, numbers, function and aggregation names, keywords and grouping label lists.
   */
  static List<Set<String>> selectors(String promql) {
    List<Set<String>> found = new ArrayList<>();
    int i = 0;
    int n = promql.length();
    while (i < n) {
      char c = promql.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipString(promql, i);
      } else if (c == '[') {
        i = promql.indexOf(']', i) + 1;
        if (i == 0) {
          throw new IllegalArgumentException("unclosed [ in " + promql);
        }
      } else if (c == '{') {
        int close = closeBrace(promql, i);
        found.add(nameMatcher(promql.substring(i + 1, close), new TreeSet<>()));
        i = close + 1;
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(promql.charAt(i + 1)))) {
        while (i < n && (Character.isLetterOrDigit(promql.charAt(i)) || promql.charAt(i) == '.')) {
          i++;
        }
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        int start = i;
        while (i < n
            && (Character.isLetterOrDigit(promql.charAt(i))
                || promql.charAt(i) == '_'
                || promql.charAt(i) == ':')) {
          i++;
        }
        String word = promql.substring(start, i);
        int next = skipSpace(promql, i);
        char after = next < n ? promql.charAt(next) : '\0';
        if (GROUPING.contains(word)) {
          if (after == '(') {
            i = promql.indexOf(')', next) + 1;
          }
        } else if (KEYWORDS.contains(word) || after == '(' || isAggregation(promql, word, next)) {
          // a function, an aggregation (sum by (...) (...)) or an operator keyword
        } else if (after == '{') {
          int close = closeBrace(promql, next);
          Set<String> names = new TreeSet<>(Set.of(word));
          found.add(nameMatcher(promql.substring(next + 1, close), names));
          i = close + 1;
        } else {
          found.add(new TreeSet<>(Set.of(word)));
        }
      } else if (c == '$') {
        i++; // a Grafana variable outside a selector, e.g. $__range in a subquery
        while (i < n && (Character.isLetterOrDigit(promql.charAt(i)) || promql.charAt(i) == '_')) {
          i++;
        }
      } else {
        i++;
      }
    }
    return found;
  }

  private static final Set<String> AGGREGATIONS =
      Set.of(
          "sum",
          "min",
          "max",
          "avg",
          "group",
          "stddev",
          "stdvar",
          "count",
          "count_values",
          "bottomk",
          "topk",
          "quantile",
          "limitk",
          "limit_ratio");

  private static boolean isAggregation(String promql, String word, int next) {
    return AGGREGATIONS.contains(word)
        && (promql.startsWith("by", next) || promql.startsWith("without", next));
  }

  /** Adds the alternatives of a {@code __name__} matcher in a selector's braces to names. */
  private static Set<String> nameMatcher(String matchers, Set<String> names) {
    Matcher m = NAME_MATCHER.matcher(matchers);
    if (m.find()) {
      String value = m.group(2);
      if (!ALTERNATIVES.matcher(value).matches()) {
        throw new IllegalArgumentException(
            "__name__ matcher \"" + value + "\" is not a plain list of names a|b");
      }
      names.addAll(List.of(value.split("\\|")));
    }
    return names;
  }

  private static int closeBrace(String s, int open) {
    int i = open + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = skipString(s, i);
      } else if (c == '}') {
        return i;
      } else {
        i++;
      }
    }
    throw new IllegalArgumentException("unclosed { in " + s);
  }

  private static int skipString(String s, int open) {
    char quote = s.charAt(open);
    int i = open + 1;
    while (i < s.length() && s.charAt(i) != quote) {
      i += s.charAt(i) == '\\' && quote != '`' ? 2 : 1;
    }
    return i + 1;
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
