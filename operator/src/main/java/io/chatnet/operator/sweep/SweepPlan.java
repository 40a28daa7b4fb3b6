package io.chatnet.operator.sweep;

import java.util.List;

/**
 * A sweep's points in the order they run, or the problems (each naming the spec field) that keep
 * the spec from making them; admission (CRD schema and CEL) refuses what it can check, these are
 * the rest.
 */
public record SweepPlan(List<PlannedPoint> points, List<String> problems) {
  public boolean valid() {
    return problems.isEmpty();
  }
}
