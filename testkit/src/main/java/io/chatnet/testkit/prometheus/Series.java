package io.chatnet.testkit.prometheus;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One time series of a fixture: the sample name (e.g. {@code libp2p_network_bytes_total}), its
 * labels (target labels included) and its samples in time order.
 */
public record Series(String name, SortedMap<String, String> labels, List<Sample> samples) {
  public Series {
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    samples = List.copyOf(samples);
    for (int i = 1; i < samples.size(); i++) {
      if (samples.get(i).millis() <= samples.get(i - 1).millis()) {
        throw new IllegalArgumentException(name + labels + ": samples are not in time order");
      }
    }
  }

  public Series(String name, Map<String, String> labels, List<Sample> samples) {
    this(name, new TreeMap<>(labels), samples);
  }

  public String label(String key) {
    return labels.get(key);
  }

  /** True when every matcher's label has exactly that value. */
  public boolean matches(Map<String, String> matchers) {
    return matchers.entrySet().stream()
        .allMatch(m -> m.getValue().equals(labels.getOrDefault(m.getKey(), "")));
  }

  /** One sample: milliseconds since the epoch and a value. */
  public record Sample(long millis, double value) {}
}
