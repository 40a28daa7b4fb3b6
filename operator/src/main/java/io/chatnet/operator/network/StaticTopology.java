package io.chatnet.operator.network;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A random d-regular graph over n nodes, derived from the seed: the same seed, n and d always give
 * the same graph. Built by pairing random free stubs while avoiding loops and repeated edges, and
 * starting over (with the next random draws) when it paints itself into a corner, which for d much
 * smaller than n is rare.
 */
public final class StaticTopology {
  private static final int MAX_ATTEMPTS = 100;
  private static final Memo<String, List<List<Integer>>> GRAPHS = new Memo<>(16);

  private StaticTopology() {}

  static int graphsCached() {
    return GRAPHS.size();
  }

  /**
   * Neighbour lists: {@code result.get(i)} holds the neighbours of node i that have a lower index,
   * so each edge appears once (one side dials, which is enough for a libp2p connection).
   */
  public static List<List<Integer>> lowerNeighbours(String seed, int n, int degree) {
    return GRAPHS.get(seed + "\n" + n + "\n" + degree, k -> draw(seed, n, degree));
  }

  private static List<List<Integer>> draw(String seed, int n, int degree) {
    if (degree >= n || ((long) n * degree) % 2 != 0) {
      throw new IllegalArgumentException(
          "no "
              + degree
              + "-regular graph on "
              + n
              + " nodes (needs degree < n and n*degree even)");
    }
    SplittableRandom random = new SplittableRandom(seedOf(seed, n, degree));
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      List<Set<Integer>> adjacency = tryBuild(random, n, degree);
      if (adjacency != null) {
        List<List<Integer>> lower = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          final int node = i;
          lower.add(adjacency.get(i).stream().filter(j -> j < node).sorted().toList());
        }
        return lower;
      }
    }
    throw new IllegalStateException(
        "could not draw a " + degree + "-regular graph on " + n + " nodes");
  }

  private static List<Set<Integer>> tryBuild(SplittableRandom random, int n, int degree) {
    List<Set<Integer>> adjacency = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      adjacency.add(new HashSet<>());
    }
    int[] stubs = new int[n * degree];
    for (int i = 0; i < stubs.length; i++) {
      stubs[i] = i / degree;
    }
    int remaining = stubs.length;
    while (remaining > 0) {
      boolean paired = false;
      // Bounded tries to find a compatible pair among the free stubs; failing means restart.
      for (int tries = 0; tries < 50 * degree && !paired; tries++) {
        int a = random.nextInt(remaining);
        int b = random.nextInt(remaining);
        int u = stubs[a];
        int v = stubs[b];
        if (a == b || u == v || adjacency.get(u).contains(v)) {
          continue;
        }
        adjacency.get(u).add(v);
        adjacency.get(v).add(u);
        // remove both stubs by swapping them to the end
        int hi = Math.max(a, b);
        int lo = Math.min(a, b);
        stubs[hi] = stubs[--remaining];
        stubs[lo] = stubs[--remaining];
        paired = true;
      }
      if (!paired) {
        return null;
      }
    }
    return adjacency;
  }

  private static long seedOf(String seed, int n, int degree) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  ("chatnet/topology/v1/" + seed + "/" + n + "/" + degree)
                      .getBytes(StandardCharsets.UTF_8));
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value = (value << 8) | (digest[i] & 0xff);
      }
      return value;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always present", e);
    }
  }
}
