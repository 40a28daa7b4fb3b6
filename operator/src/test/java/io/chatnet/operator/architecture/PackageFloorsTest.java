package io.chatnet.operator.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The operator's packages keep to their floors and form no loop (docs/architecture.md). */
class PackageFloorsTest {
  private static final Path MAIN = Path.of("src/main/java");

  @Test
  void noImportRunsUpAFloor() {
    assertEquals(
        List.of(), PackageFloors.upwardImports(PackageFloors.scan(MAIN), PackageFloors.FLOORS));
  }

  @Test
  void noPackageLoop() {
    assertEquals(List.of(), PackageFloors.loops(PackageFloors.scan(MAIN)));
  }

  @Test
  void theScanSeesTheRealGraph() {
    // Guards the checks above against passing on an empty or misread tree.
    Map<String, Set<String>> graph = PackageFloors.scan(MAIN);
    assertEquals(PackageFloors.FLOORS.keySet(), graph.keySet());
    assertEquals(true, graph.get("reconciler").containsAll(Set.of("api", "naming", "network")));
    assertEquals(true, graph.get("naming").equals(Set.of("api")));
  }

  @Test
  void aDeliberateUpwardImportIsReported() {
    // naming importing network: the kind of edge issue 14 removed (Labels lived in network/).
    Map<String, Set<String>> graph =
        Map.of("api", Set.of(), "naming", Set.of("api", "network"), "network", Set.of("naming"));
    assertEquals(
        List.of("naming (floor 1) -> network (floor 3)"),
        PackageFloors.upwardImports(graph, PackageFloors.FLOORS));
  }

  @Test
  void aPackageWithoutAFloorIsReported() {
    assertEquals(
        List.of("util has no floor (add it to PackageFloors and docs/architecture.md)"),
        PackageFloors.upwardImports(Map.of("util", Set.of()), PackageFloors.FLOORS));
  }

  @Test
  void aSameFloorLoopIsReported() {
    // experiment <-> report, both floor 3: no upward edge, still a loop (ReportConfigMap's old
    // home).
    Map<String, Set<String>> graph =
        Map.of("experiment", Set.of("report"), "report", Set.of("experiment"), "api", Set.of());
    assertEquals(List.of(), PackageFloors.upwardImports(graph, PackageFloors.FLOORS));
    assertEquals(List.of("experiment -> report -> experiment"), PackageFloors.loops(graph));
  }
}
