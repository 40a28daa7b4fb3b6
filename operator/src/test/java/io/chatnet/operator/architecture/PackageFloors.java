package io.chatnet.operator.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The operator's floors (docs/architecture.md, "Floors"): a package may use its own floor and the
 * floors below it, never one above, and the package graph has no loop (same-floor imports are
 * allowed only while they form none). Pure: the checks take a package graph, so a unit test can
 * feed a deliberate violation; {@link #scan} builds the graph from the source tree.
 */
final class PackageFloors {
  static final String ROOT = "io.chatnet.operator";

  /** Floor of each package under {@value #ROOT}; a package missing here is itself a failure. */
  static final Map<String, Integer> FLOORS =
      Map.ofEntries(
          Map.entry("api", 0),
          Map.entry("naming", 1),
          Map.entry("config", 1),
          Map.entry("identity", 1),
          Map.entry("capacity", 1),
          Map.entry("status", 2),
          Map.entry("network", 3),
          Map.entry("experiment", 3),
          Map.entry("monitoring", 3),
          Map.entry("analysis", 3),
          Map.entry("report", 3),
          Map.entry("preflight", 3),
          Map.entry("rln", 3),
          Map.entry("sweep", 3),
          Map.entry("reconciler", 4),
          Map.entry("planning", 4),
          Map.entry("e2e", 5));

  private static final Pattern REFERENCE =
      Pattern.compile("\\b" + Pattern.quote(ROOT) + "\\.([a-z0-9]+)\\.[A-Za-z]");

  private PackageFloors() {}

  /**
   * Package to the packages it references (imports, static imports and qualified names), read from
   * the .java files (sub-packages folded into their top package) under {@code
   * sourceRoot}/io/chatnet/operator.
   */
  static Map<String, Set<String>> scan(Path sourceRoot) {
    Path base = sourceRoot.resolve(ROOT.replace('.', '/'));
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(base)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        // A sub-package (report/chart) belongs to its top package's floor.
        String pkg = base.relativize(file.getParent()).getName(0).toString();
        Set<String> uses = graph.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = REFERENCE.matcher(Files.readString(file));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            uses.add(m.group(1));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return graph;
  }

  /** Every edge that runs up a floor, and every package without a floor, one line each. */
  static List<String> upwardImports(Map<String, Set<String>> graph, Map<String, Integer> floors) {
    List<String> problems = new ArrayList<>();
    graph.forEach(
        (pkg, uses) -> {
          Integer floor = floors.get(pkg);
          if (floor == null) {
            problems.add(pkg + " has no floor (add it to PackageFloors and docs/architecture.md)");
            return;
          }
          for (String used : uses) {
            Integer usedFloor = floors.get(used);
            if (usedFloor == null) {
              problems.add(pkg + " -> " + used + ": " + used + " has no floor");
            } else if (usedFloor > floor) {
              problems.add(
                  pkg + " (floor " + floor + ") -> " + used + " (floor " + usedFloor + ")");
            }
          }
        });
    return problems;
  }

  /** Every loop of the package graph, as the path that closes it (a -> b -> a). */
  static List<String> loops(Map<String, Set<String>> graph) {
    List<String> loops = new ArrayList<>();
    Map<String, Integer> state = new LinkedHashMap<>(); // 1 on the stack, 2 done
    for (String pkg : new TreeSet<>(graph.keySet())) {
      visit(pkg, graph, state, new ArrayList<>(), loops);
    }
    return loops;
  }

  private static void visit(
      String pkg,
      Map<String, Set<String>> graph,
      Map<String, Integer> state,
      List<String> path,
      List<String> loops) {
    Integer s = state.get(pkg);
    if (s != null && s == 2) {
      return;
    }
    if (s != null && s == 1) {
      List<String> loop = new ArrayList<>(path.subList(path.indexOf(pkg), path.size()));
      loop.add(pkg);
      loops.add(String.join(" -> ", loop));
      return;
    }
    state.put(pkg, 1);
    path.add(pkg);
    for (String next : graph.getOrDefault(pkg, Set.of())) {
      visit(next, graph, state, path, loops);
    }
    path.remove(path.size() - 1);
    state.put(pkg, 2);
  }
}
