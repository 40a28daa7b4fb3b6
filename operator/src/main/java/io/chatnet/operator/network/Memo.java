package io.chatnet.operator.network;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small least-recently-used cache for pure, costly derivations (ENR signatures, key sets, random
 * graphs). A reconcile runs every time a StatefulSet reports progress, hundreds of times while a
 * large network starts; recomputing these each time took CPU the control plane needed.
 */
final class Memo<K, V> {
  private final Map<K, V> entries;

  Memo(int capacity) {
    this.entries =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Entries held now (at most the capacity). */
  synchronized int size() {
    return entries.size();
  }

  synchronized V get(K key, Function<K, V> compute) {
    V value = entries.get(key);
    if (value == null) {
      value = compute.apply(key);
      entries.put(key, value);
    }
    return value;
  }
}
