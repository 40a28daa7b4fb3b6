package io.chatnet.operator.experiment;

import io.chatnet.contract.PhaseWindow;
import io.chatnet.contract.Summary;
import io.chatnet.operator.api.ExperimentCriteria;
import io.chatnet.operator.api.PartialShard;
import io.chatnet.operator.api.Verdict;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How much of the planned measurement the results cover, shard by shard. Pure.
 *
 * <p>A shard's pod killed mid-run (SIGKILL, deleted, node lost) never writes its summary: its sends
 * and receipts count nowhere, neither as sent nor as lost, so the merged delivery ratio stays a
 * ratio of what was measured. The Job retries the index (spec.loadGenerator.retriesPerShard); the
 * retry logs its clients in again and joins the window late, and its summary's measured phase says
 * when it actually measured. Its covered share is that span over the planned one; a shard lost
 * beyond its retries, or that left no summary, covers 0.
 *
 * @param share covered share of all planned shard-windows, 0 to 1
 * @param partial the shards that measured less than the window or were retried
 */
public record ShardCoverage(double share, List<PartialShard> partial) {
  /** Lateness a shard's phases normally carry (its 200 ms wake-ups): not a partial window. */
  static final Duration TOLERANCE = Duration.ofSeconds(1);

  public static ShardCoverage of(
      int total, Instant measureFrom, Instant end, List<Summary> summaries, List<Pod> pods) {
    long planned = Math.max(1, Duration.between(measureFrom, end).toMillis());
    double covered = 0;
    List<PartialShard> partial = new ArrayList<>();
    for (Summary summary : summaries) {
      PhaseWindow measured =
          summary.phases() == null ? null : summary.phases().get(Summary.MEASURED_PHASE);
      double share = 1;
      if (measured != null) {
        long missing =
            Math.max(0, Duration.between(measureFrom, measured.from()).toMillis())
                + Math.max(0, Duration.between(measured.to(), end).toMillis());
        share = missing <= TOLERANCE.toMillis() ? 1 : Math.max(0, 1 - (double) missing / planned);
      }
      // a summary without phases (contract version 1) cannot say: taken as whole
      covered += share;
      String attempts = failedAttempts(summary.shard(), pods);
      if (share < 1 || !attempts.isEmpty()) {
        PartialShard p = new PartialShard();
        p.setIndex(summary.shard());
        p.setFailedAttempts(attempts);
        if (measured != null) {
          p.setMeasuredFrom(measured.from().toString());
          p.setMeasuredTo(measured.to().toString());
        }
        p.setCoveredShare(round(share));
        partial.add(p);
      }
    }
    partial.sort(java.util.Comparator.comparingInt(PartialShard::getIndex));
    return new ShardCoverage(total == 0 ? 0 : round(covered / total), partial);
  }

  /** The shard's failed pods, each with the reason its container ended. */
  private static String failedAttempts(int index, List<Pod> pods) {
    List<String> out = new ArrayList<>();
    for (Pod pod : pods) {
      if (pod.getMetadata().getAnnotations() != null
          && String.valueOf(index)
              .equals(pod.getMetadata().getAnnotations().get(ShardFailures.INDEX_ANNOTATION))
          && pod.getStatus() != null
          && "Failed".equals(pod.getStatus().getPhase())) {
        out.add("pod " + pod.getMetadata().getName() + ": " + ShardFailures.reason(pod));
      }
    }
    out.sort(null);
    return String.join("; ", out);
  }

  private static double round(double share) {
    return Math.round(share * 10_000) / 10_000.0;
  }

  /** Whether some planned measurement is missing (a shard lost, late, or unreported). */
  public boolean partialRun() {
    return share < 1;
  }

  /**
   * "partial: shards 1 (40%), 3 (0%) measured part of the window; the results cover 62% of it",
   * naming the late shards and those lost ({@code lost}: indexes of shards with no figures).
   */
  public String line(List<Integer> lost) {
    StringBuilder line = new StringBuilder("partial: ");
    List<String> parts = new ArrayList<>();
    partial.stream()
        .filter(p -> p.getCoveredShare() < 1)
        .forEach(p -> parts.add(p.getIndex() + " (" + percent(p.getCoveredShare()) + ")"));
    lost.forEach(i -> parts.add(i + " (0%, no summary)"));
    line.append(parts.isEmpty() ? "shards" : "shards " + String.join(", ", parts))
        .append(" measured less than the window; the results cover ")
        .append(percent(share))
        .append(" of the planned shard-windows");
    return line.toString();
  }

  /**
   * The verdict given what was measured: with criteria.minShardCoverage the coverage is one more
   * criterion; without it a partial run that would pass is {@link VerdictJudge#INCOMPLETE} (a
   * verdict cannot pass on a share of the load nobody asked to accept).
   */
  public void judge(ExperimentCriteria criteria, Verdict verdict, String partialLine) {
    Double min = criteria == null ? null : criteria.getMinShardCoverage();
    if (min != null) {
      boolean ok = share >= min;
      verdict
          .getReasons()
          .add(
              String.format(
                  Locale.ROOT,
                  "shard coverage %.4g >= %.4g: %s",
                  share,
                  min,
                  ok ? "ok" : "missed"));
      if (!ok) {
        verdict.setResult(VerdictJudge.FAILED);
      } else if (VerdictJudge.NO_CRITERIA.equals(verdict.getResult())) {
        verdict.setResult(VerdictJudge.PASSED); // the only criterion, and it held
      }
    }
    if (partialRun()) {
      verdict.getReasons().add(partialLine);
      if (min == null && VerdictJudge.PASSED.equals(verdict.getResult())) {
        verdict.setResult(VerdictJudge.INCOMPLETE);
      }
    }
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }
}
