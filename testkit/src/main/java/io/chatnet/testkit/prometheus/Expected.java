package io.chatnet.testkit.prometheus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * PromQL's definitions computed in plain Java from a fixture's samples, so tests can check a
 * query's answer against figures that did not come from Prometheus. The window functions require
 * samples on both ends of the window (as {@link SyntheticNetwork} lays them out); there Prometheus
 * 2.x's {@code increase} and {@code rate} extrapolate nothing and equal these.
 */
public final class Expected {
  private Expected() {}

  /** {@code increase(s[window] @ end)}: the counter's growth in the window, resets included. */
  public static double increase(Series series, Window window) {
    List<Series.Sample> in = inWindow(series, window);
    if (in.isEmpty()
        || in.get(0).millis() != window.start().toEpochMilli()
        || in.get(in.size() - 1).millis() != window.end().toEpochMilli()) {
      throw new IllegalArgumentException(
          series.name()
              + series.labels()
              + " has no samples on both ends of "
              + window
              + "; Prometheus would extrapolate");
    }
    double growth = 0;
    for (int i = 1; i < in.size(); i++) {
      double previous = in.get(i - 1).value();
      double current = in.get(i).value();
      // A drop is a counter reset: the counter grew from zero to its current value.
      growth += current >= previous ? current - previous : current;
    }
    return growth;
  }

  /** {@code rate(s[window] @ end)}: growth per second. */
  public static double rate(Series series, Window window) {
    return increase(series, window) / window.seconds();
  }

  /** {@code avg_over_time(s[window] @ end)}: the mean of the samples in the window. */
  public static double avgOverTime(Series series, Window window) {
    List<Series.Sample> in = inWindow(series, window);
    if (in.isEmpty()) {
      throw new IllegalArgumentException(series.name() + " has no samples in " + window);
    }
    return in.stream().mapToDouble(Series.Sample::value).average().orElseThrow();
  }

  /** Samples with start <= t <= end (Prometheus 2.x ranges include both ends). */
  public static List<Series.Sample> inWindow(Series series, Window window) {
    long from = window.start().toEpochMilli();
    long to = window.end().toEpochMilli();
    return series.samples().stream().filter(s -> s.millis() >= from && s.millis() <= to).toList();
  }

  /** PromQL's {@code quantile(q, v)}: linear interpolation between the closest ranks. */
  public static double quantile(double q, Collection<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    double rank = q * (sorted.size() - 1);
    int lower = (int) Math.max(0, Math.floor(rank));
    int upper = (int) Math.min(sorted.size() - 1, lower + 1);
    double weight = rank - Math.floor(rank);
    return sorted.get(lower) * (1 - weight) + sorted.get(upper) * weight;
  }

  public static double mean(Collection<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  public static double max(Collection<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  /**
   * The growth of each bucket of a classic histogram over the window, summed over {@code buckets}
   * (the {@code _bucket} series of any number of pods): upper bound to cumulative count, +Inf as
   * {@link Double#POSITIVE_INFINITY}.
   */
  public static NavigableMap<Double, Double> bucketIncreases(
      Collection<Series> buckets, Window window) {
    NavigableMap<Double, Double> merged = new TreeMap<>();
    for (Series bucket : buckets) {
      String le = bucket.label("le");
      double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
      merged.merge(bound, increase(bucket, window), Double::sum);
    }
    return merged;
  }

  /**
   * PromQL's {@code histogram_quantile(q, ...)} over cumulative buckets (upper bound to count, +Inf
   * included): linear interpolation inside the bucket holding the rank, the first bucket starting
   * at zero, and the largest finite bound when the rank falls in the +Inf bucket.
   */
  public static double histogramQuantile(double q, Map<Double, Double> cumulative) {
    NavigableMap<Double, Double> buckets = new TreeMap<>(cumulative);
    if (buckets.size() < 2 || buckets.lastKey() != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    double observations = buckets.lastEntry().getValue();
    if (observations == 0) {
      return Double.NaN;
    }
    double rank = q * observations;
    double previousBound = 0;
    double previousCount = 0;
    boolean first = true;
    for (var bucket : buckets.entrySet()) {
      double bound = bucket.getKey();
      if (bound == Double.POSITIVE_INFINITY) {
        return buckets.lowerKey(bound);
      }
      if (bucket.getValue() >= rank) {
        if (first && bound <= 0) {
          return bound;
        }
        double start = first ? 0 : previousBound;
        double count = bucket.getValue() - previousCount;
        return start + (bound - start) * ((rank - previousCount) / count);
      }
      previousBound = bound;
      previousCount = bucket.getValue();
      first = false;
    }
    throw new IllegalStateException("unreachable: +Inf ends the buckets");
  }
}
