package io.chatnet.operator.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names each supported version exposes, from the per-version lists in
 * src/test/resources/upstream/metrics/ (extracted from upstream's tags, see their headers). Nim
 * lists hold declared names, turned into exposed ones by nim-metrics' rule (metrics.nim at the
 * pinned commits): a Counter X is exposed as X_total and X_created, a Histogram X as X_bucket,
 * X_sum, X_count and X_created, a Summary X as X_sum, X_count and X_created, a Gauge or a built-in
 * collector's output as it is. A declaration inside {@code when defined(Y)} counts only if the
 * build defines Y (the list's "# defines:" line). status-go lists hold exposed names (client_golang
 * writes names as given).
 */
record UpstreamMetrics(String id, Component component, Set<String> exposed, String header) {

  /** Which process a version's metrics come from. */
  enum Component {
    NODE,
    CLIENT
  }

  /** Every supported version: id, component and its list's file. */
  static final Map<String, Component> VERSIONS =
      mapOf(
          "nwaku-v0.36.0", Component.NODE,
          "nwaku-v0.37.1-beta", Component.NODE,
          "logos-delivery-v0.38.1", Component.NODE,
          "logos-delivery-head-69fbffa", Component.NODE,
          "status-go-c72f4913", Component.CLIENT,
          "status-go-1f5b2d71", Component.CLIENT);

  private static Map<String, Component> mapOf(Object... pairs) {
    Map<String, Component> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], (Component) pairs[i + 1]);
    }
    return map;
  }

  static List<UpstreamMetrics> all() {
    return VERSIONS.entrySet().stream().map(e -> load(e.getKey(), e.getValue())).toList();
  }

  static UpstreamMetrics load(String id, Component component) {
    String resource = "/upstream/metrics/" + id + ".tsv";
    try (InputStream in = UpstreamMetrics.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no metric list " + resource);
      }
      return parse(id, component, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final Pattern DEFINED = Pattern.compile("defined\\((\\w+)\\)");

  static UpstreamMetrics parse(String id, Component component, String text) {
    String header = "";
    boolean nim = false;
    Set<String> defines = Set.of();
    Set<String> exposed = new LinkedHashSet<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("# names: ")) {
        nim = line.substring("# names: ".length()).startsWith("nim-metrics");
      } else if (line.startsWith("# defines: ")) {
        defines = Set.of(line.substring("# defines: ".length()).trim().split("\\s+"));
      } else if (line.startsWith("#")) {
        header = header.isEmpty() ? line.substring(1).trim() : header;
      } else {
        String[] cells = line.split("\t", -1);
        String name = cells[0];
        String kind = cells[1];
        String origin = cells.length > 3 ? cells[3] : "";
        if (!built(origin, defines)) {
          continue;
        }
        exposed.addAll(nim ? nimExposed(name, kind) : List.of(name));
      }
    }
    return new UpstreamMetrics(id, component, Set.copyOf(exposed), header);
  }

  /** Whether a declaration's enclosing {@code when} conditions hold for the build's defines. */
  static boolean built(String origin, Set<String> defines) {
    int open = origin.indexOf(" [");
    if (open < 0) {
      return true;
    }
    for (String condition : origin.substring(open + 2, origin.length() - 1).split("; ")) {
      if (!condition.startsWith("when ")) {
        return false; // an else/elif branch: not the default build's
      }
      Matcher m = DEFINED.matcher(condition);
      while (m.find()) {
        if (!defines.contains(m.group(1))) {
          return false;
        }
      }
    }
    return true;
  }

  /** nim-metrics' exposition names of a declaration (metrics.nim newCounterMetrics etc.). */
  static List<String> nimExposed(String name, String kind) {
    return switch (kind) {
      case "Counter" -> List.of(name + "_total", name + "_created");
      case "Histogram" ->
          List.of(name + "_bucket", name + "_sum", name + "_count", name + "_created");
      case "Summary" -> List.of(name + "_sum", name + "_count", name + "_created");
      case "Gauge", "Collector" -> List.of(name);
      default -> throw new IllegalArgumentException("unknown kind " + kind + " of " + name);
    };
  }

  /** Whether the version exposes any metric at all (status-backend c72f4913 exposes none). */
  boolean servesMetrics() {
    return !exposed.isEmpty();
  }

  private static final Pattern LOADGEN =
      Pattern.compile("(Counter|Gauge|Histogram)\\.builder\\(\\)\\s*\\.name\\(\"([a-z_:]+)\"\\)");

  /**
   * The load generator's exposed names, read from its source (loadgen LoadMetrics): Prometheus
   * client_java 1.x writes a counter as name_total, a classic histogram as _bucket/_sum/_count.
   */
  static Set<String> loadgen(Path repo) {
    Path source = repo.resolve("loadgen/src/main/java/io/chatnet/loadgen/measure/LoadMetrics.java");
    try {
      Set<String> names = new LinkedHashSet<>();
      Matcher m = LOADGEN.matcher(Files.readString(source));
      while (m.find()) {
        String name = m.group(2);
        switch (m.group(1)) {
          case "Counter" -> names.add(name.replaceFirst("_total$", "") + "_total");
          case "Histogram" ->
              names.addAll(List.of(name + "_bucket", name + "_sum", name + "_count"));
          default -> names.add(name);
        }
      }
      if (names.isEmpty()) {
        throw new IllegalStateException("no metrics found in " + source);
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
