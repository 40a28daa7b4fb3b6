package io.chatnet.loadgen.measure;

import io.chatnet.contract.GroupCreationFigures;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Group creations by the creator's client kind (GroupCreationFigures): attempted, created, failed,
 * then complete (every member saw the group, with the time from the create call) or incomplete. A
 * creation still waiting for its members when the figures are read counts as incomplete.
 */
public final class GroupCreations {
  private final LoadMetrics metrics;
  private final Timings timings = new Timings();
  private final Map<String, Map<String, AtomicLong>> counts = new ConcurrentHashMap<>();

  public GroupCreations(LoadMetrics metrics) {
    this.metrics = metrics;
  }

  private AtomicLong count(String kind, String outcome) {
    return counts
        .computeIfAbsent(kind, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(outcome, k -> new AtomicLong());
  }

  public void attempted(String kind) {
    count(kind, "attempted").incrementAndGet();
  }

  public void failed(String kind) {
    count(kind, "failed").incrementAndGet();
    metrics.groupCreations.labelValues(kind, "failed").inc();
  }

  public void created(String kind) {
    count(kind, "created").incrementAndGet();
    metrics.groupCreations.labelValues(kind, "created").inc();
  }

  /** Every member saw the group {@code micros} after the create call. */
  public void complete(String kind, long micros) {
    count(kind, "complete").incrementAndGet();
    timings.record(kind, micros);
    metrics.groupCreations.labelValues(kind, "complete").inc();
    metrics.groupCreation.labelValues(kind).observe(micros / 1e6);
  }

  public void incomplete(String kind) {
    count(kind, "incomplete").incrementAndGet();
    metrics.groupCreations.labelValues(kind, "incomplete").inc();
  }

  public Map<String, GroupCreationFigures> figures() {
    Map<String, GroupCreationFigures> out = new LinkedHashMap<>();
    new TreeMap<>(counts)
        .forEach(
            (kind, c) -> {
              long created = get(c, "created");
              long complete = get(c, "complete");
              long incomplete = get(c, "incomplete");
              // still waiting for members: not complete by now
              long waiting = created - complete - incomplete;
              out.put(
                  kind,
                  new GroupCreationFigures(
                      get(c, "attempted"),
                      created,
                      get(c, "failed"),
                      complete,
                      incomplete + Math.max(0, waiting),
                      timings.summary(kind)));
            });
    return out;
  }

  private static long get(Map<String, AtomicLong> c, String outcome) {
    AtomicLong n = c.get(outcome);
    return n == null ? 0 : n.get();
  }
}
