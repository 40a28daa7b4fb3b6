package io.chatnet.operator.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StaticTopologyTest {
  static List<Set<Integer>> adjacency(List<List<Integer>> lower) {
    List<Set<Integer>> adj = new ArrayList<>();
    lower.forEach(l -> adj.add(new HashSet<>()));
    for (int i = 0; i < lower.size(); i++) {
      for (int j : lower.get(i)) {
        assertThat(j).isLessThan(i);
        adj.get(i).add(j);
        adj.get(j).add(i);
      }
    }
    return adj;
  }

  @Test
  void everyNodeHasExactlyDegreeDistinctNeighbours() {
    for (int[] nd : new int[][] {{10, 3}, {500, 6}, {2000, 8}, {65, 64}}) {
      List<Set<Integer>> adj = adjacency(StaticTopology.lowerNeighbours("s", nd[0], nd[1]));
      for (int i = 0; i < nd[0]; i++) {
        assertThat(adj.get(i)).as("node %d of %d", i, nd[0]).hasSize(nd[1]).doesNotContain(i);
      }
    }
  }

  @Test
  void theSeedFixesTheGraph() {
    assertThat(StaticTopology.lowerNeighbours("a", 300, 4))
        .isEqualTo(StaticTopology.lowerNeighbours("a", 300, 4))
        .isNotEqualTo(StaticTopology.lowerNeighbours("b", 300, 4));
  }

  @Test
  void impossibleGraphsAreRefused() {
    assertThatThrownBy(() -> StaticTopology.lowerNeighbours("s", 5, 3))
        .hasMessageContaining("n*degree even");
    assertThatThrownBy(() -> StaticTopology.lowerNeighbours("s", 4, 4))
        .hasMessageContaining("degree < n");
  }
}
