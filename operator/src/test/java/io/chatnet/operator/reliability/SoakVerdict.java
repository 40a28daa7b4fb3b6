package io.chatnet.operator.reliability;

import io.chatnet.operator.network.DerivationMemos;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a soak passed, from its samples alone (pure):
 *
 * <ul>
 *   <li>memory flat: the least-squares slope of heap after GC over the last two thirds of the
 *       loop's samples, times that window's length, grew less than {@link #FLAT_MIB} or {@link
 *       #FLAT_SHARE} of its mean, whichever is larger;
 *   <li>writes bounded: once every network is Ready, no write to a network's objects (re-reconciles
 *       of an unchanged network cost nothing) and none outside a network's or experiment's family;
 *       writes per finished experiment in the loop's last third at most {@link #WRITES_GROWTH}
 *       times those of its first third;
 *   <li>memos equal the live objects: every per-network memo at most the live networks, the
 *       experiments' at most the live experiments, the process-wide ones within their bounds; all
 *       per-owner memos 0 at the end of the drain (everything deleted);
 *   <li>informer caches do not grow: per informer, the objects it holds (counted from the API
 *       server with its selector; experiments come and go, so the count is a sawtooth) on average
 *       over the loop's last third at most {@link #OBJECTS_GROWTH} times the first third's, plus 1
 *       (judged from {@link #MIN_THIRD} samples a third), and every informer empty at the end of
 *       the drain.
 * </ul>
 */
record SoakVerdict(
    double heapSlopeMiBPerHour,
    double heapGrowthMiB,
    double heapMeanMiB,
    double writesPerExperimentFirst,
    double writesPerExperimentLast,
    List<String> failures) {

  static final double FLAT_MIB = 5;
  static final double FLAT_SHARE = 0.05;
  static final double WRITES_GROWTH = 1.25;
  static final double OBJECTS_GROWTH = 1.25;

  /** Fewer loop samples than this a third: too few to compare a sawtooth's thirds. */
  static final int MIN_THIRD = 3;

  static final Set<String> PER_NETWORK =
      Set.of(
          "network-podmonitors",
          "network-status-writes",
          "network-diagnoses",
          "network-write-refusals");
  static final String PER_EXPERIMENT = "experiment-write-refusals";

  boolean passed() {
    return failures.isEmpty();
  }

  static SoakVerdict judge(List<SoakSample> samples) {
    List<String> failures = new ArrayList<>();
    List<SoakSample> loop =
        samples.stream().filter(s -> s.stage().equals(SoakSample.LOOP)).toList();
    if (loop.size() < 3) {
      failures.add("fewer than 3 samples in the loop: " + loop.size());
      return new SoakVerdict(0, 0, 0, 0, 0, failures);
    }
    List<SoakSample> window =
        loop.subList(loop.size() / 3, loop.size()).stream()
            .filter(s -> s.heapAfterGcBytes() >= 0)
            .toList();
    double[] fit = slope(window);
    double hours = (window.get(window.size() - 1).seconds() - window.get(0).seconds()) / 3600.0;
    double growth = fit[0] * hours;
    if (growth >= Math.max(FLAT_MIB, FLAT_SHARE * fit[1])) {
      failures.add(
          String.format(
              "heap after GC grew %.1f MiB over the last two thirds (%.1f MiB/h, mean %.1f MiB)",
              growth, fit[0], fit[1]));
    }

    for (SoakSample s : loop) {
      if (s.networkWrites() > 0) {
        failures.add(s.networkWrites() + " writes to networks' objects at " + s.seconds() + " s");
      }
      if (s.otherWrites() > 0) {
        failures.add(s.otherWrites() + " writes outside any family at " + s.seconds() + " s");
      }
      for (Map.Entry<String, Integer> memo : s.memos().entrySet()) {
        String name = memo.getKey();
        int limit =
            PER_NETWORK.contains(name)
                ? s.liveNetworks()
                : name.equals(PER_EXPERIMENT)
                    ? s.liveExperiments()
                    : DerivationMemos.BOUNDS.getOrDefault(name, Integer.MAX_VALUE);
        if (memo.getValue() > limit || memo.getValue() < 0) {
          failures.add(
              "memo "
                  + name
                  + " holds "
                  + memo.getValue()
                  + " > "
                  + limit
                  + " at "
                  + s.seconds()
                  + " s");
        }
      }
    }
    int third = loop.size() / 3;
    List<SoakSample> first = loop.subList(0, third);
    List<SoakSample> last = loop.subList(loop.size() - third, loop.size());
    double perFirst = writesPerExperiment(first);
    double perLast = writesPerExperiment(last);
    if (perFirst > 0 && perLast > WRITES_GROWTH * perFirst) {
      failures.add(
          String.format(
              "writes per experiment grew: %.1f in the first third, %.1f in the last",
              perFirst, perLast));
    }
    for (String informer : third < MIN_THIRD ? List.<String>of() : loop.get(0).objects().keySet()) {
      double before = mean(first, informer);
      double after = mean(last, informer);
      if (after > OBJECTS_GROWTH * before + 1) {
        failures.add(
            String.format(
                "informer %s grew: %.1f objects on average in the first third, %.1f in the last",
                informer, before, after));
      }
    }

    List<SoakSample> drain =
        samples.stream().filter(s -> s.stage().equals(SoakSample.DRAIN)).toList();
    if (drain.isEmpty()) {
      failures.add("no sample after deleting everything");
    } else {
      SoakSample end = drain.get(drain.size() - 1);
      end.objects()
          .forEach(
              (informer, objects) -> {
                if (objects != 0) {
                  failures.add(
                      "informer "
                          + informer
                          + " holds "
                          + objects
                          + " after everything was deleted");
                }
              });
      end.memos()
          .forEach(
              (name, size) -> {
                if ((PER_NETWORK.contains(name) || name.equals(PER_EXPERIMENT)) && size != 0) {
                  failures.add("memo " + name + " holds " + size + " after everything was deleted");
                }
              });
    }
    return new SoakVerdict(fit[0], growth, fit[1], perFirst, perLast, failures);
  }

  /** Least-squares slope (MiB per hour) and mean (MiB) of heap after GC over time. */
  static double[] slope(List<SoakSample> samples) {
    int n = samples.size();
    double mx = 0;
    double my = 0;
    for (SoakSample s : samples) {
      mx += s.seconds() / 3600.0;
      my += s.heapAfterGcBytes() / SoakSample.MIB;
    }
    mx /= n;
    my /= n;
    double sxy = 0;
    double sxx = 0;
    for (SoakSample s : samples) {
      double dx = s.seconds() / 3600.0 - mx;
      sxy += dx * (s.heapAfterGcBytes() / SoakSample.MIB - my);
      sxx += dx * dx;
    }
    return new double[] {sxx == 0 ? 0 : sxy / sxx, my};
  }

  private static double writesPerExperiment(List<SoakSample> samples) {
    int finished = samples.stream().mapToInt(SoakSample::experimentsFinished).sum();
    int writes = samples.stream().mapToInt(SoakSample::experimentWrites).sum();
    return finished == 0 ? 0 : (double) writes / finished;
  }

  private static double mean(List<SoakSample> samples, String informer) {
    return samples.stream()
        .mapToInt(s -> s.objects().getOrDefault(informer, 0))
        .average()
        .orElse(0);
  }
}
