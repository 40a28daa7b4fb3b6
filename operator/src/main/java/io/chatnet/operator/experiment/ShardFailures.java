package io.chatnet.operator.experiment;

import io.chatnet.operator.api.FailedShard;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The shards a finished load generator Job lost: indexes the Job lists in status.failedIndexes
 * (failed beyond spec.loadGenerator.retriesPerShard), each named with its last pod and the reason
 * from that pod's termination, and shards that succeeded without a summary (a retry started after
 * the window), named with their termination message. Pure.
 */
public final class ShardFailures {
  public static final String INDEX_ANNOTATION = "batch.kubernetes.io/job-completion-index";
  static final int MAX_REASON = 256;

  private ShardFailures() {}

  /** The failed shards of {@code job}, by index, from the experiment's pods. */
  public static List<FailedShard> of(Job job, List<Pod> pods) {
    List<FailedShard> out = new ArrayList<>();
    String listed = job.getStatus() == null ? null : job.getStatus().getFailedIndexes();
    for (int index : parseIndexes(listed)) {
      Optional<Pod> last =
          pods.stream()
              .filter(p -> String.valueOf(index).equals(annotation(p)))
              .filter(p -> p.getStatus() != null && "Failed".equals(p.getStatus().getPhase()))
              .max(
                  Comparator.comparing(
                      p -> String.valueOf(p.getMetadata().getCreationTimestamp())));
      out.add(
          new FailedShard(
              index,
              last.map(p -> p.getMetadata().getName()).orElse(null),
              last.map(ShardFailures::reason).orElse("no failed pod of this index is left")));
    }
    // Shards that ended well but left no summary, e.g. a retry started after the window was over
    // (its termination message says so): their share is missing just the same.
    Set<Integer> failed = parseIndexes(listed);
    Map<Integer, List<Pod>> succeeded = new TreeMap<>();
    for (Pod p : pods) {
      String index = annotation(p);
      if (index != null
          && p.getStatus() != null
          && "Succeeded".equals(p.getStatus().getPhase())
          && !failed.contains(Integer.parseInt(index))) {
        succeeded.computeIfAbsent(Integer.parseInt(index), k -> new ArrayList<>()).add(p);
      }
    }
    succeeded.forEach(
        (index, done) -> {
          if (done.stream().noneMatch(ShardFailures::leftSummary)) {
            Pod last =
                done.stream()
                    .max(
                        Comparator.comparing(
                            p -> String.valueOf(p.getMetadata().getCreationTimestamp())))
                    .orElseThrow();
            String message = message(last);
            if (!message.isEmpty()) {
              out.add(
                  new FailedShard(
                      index, last.getMetadata().getName(), "left no summary: " + message));
            }
          }
        });
    out.sort(Comparator.comparingInt(FailedShard::getIndex));
    return out;
  }

  private static boolean leftSummary(Pod pod) {
    return message(pod).startsWith("{");
  }

  /** The container's termination message, cut to {@link #MAX_REASON}; empty when none. */
  private static String message(Pod pod) {
    if (pod.getStatus().getContainerStatuses() == null) {
      return "";
    }
    for (var container : pod.getStatus().getContainerStatuses()) {
      ContainerStateTerminated t =
          container.getState() == null ? null : container.getState().getTerminated();
      if (t != null && t.getMessage() != null && !t.getMessage().isBlank()) {
        String m = t.getMessage().strip();
        return m.length() > MAX_REASON && !m.startsWith("{")
            ? m.substring(0, MAX_REASON) + "..."
            : m;
      }
    }
    return "";
  }

  /** Job status.failedIndexes: "1,3-5" (comma-separated indexes and ranges, ascending). */
  public static Set<Integer> parseIndexes(String text) {
    Set<Integer> out = new TreeSet<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String part : text.split(",")) {
      String p = part.strip();
      int dash = p.indexOf('-');
      if (dash < 0) {
        out.add(Integer.parseInt(p));
      } else {
        int from = Integer.parseInt(p.substring(0, dash));
        int to = Integer.parseInt(p.substring(dash + 1));
        for (int i = from; i <= to; i++) {
          out.add(i);
        }
      }
    }
    return out;
  }

  private static String annotation(Pod pod) {
    return pod.getMetadata().getAnnotations() == null
        ? null
        : pod.getMetadata().getAnnotations().get(INDEX_ANNOTATION);
  }

  /** Exit code, reason and termination message of the container, else the pod's own reason. */
  static String reason(Pod pod) {
    if (pod.getStatus().getContainerStatuses() != null) {
      for (var container : pod.getStatus().getContainerStatuses()) {
        ContainerStateTerminated t =
            container.getState() == null ? null : container.getState().getTerminated();
        if (t != null) {
          String message = t.getMessage() == null ? "" : t.getMessage().strip();
          if (message.length() > MAX_REASON) {
            message = message.substring(0, MAX_REASON) + "...";
          }
          return "exit code "
              + t.getExitCode()
              + (t.getReason() == null ? "" : " (" + t.getReason() + ")")
              + (message.isEmpty() ? "" : ": " + message);
        }
      }
    }
    String reason = pod.getStatus().getReason();
    String message = pod.getStatus().getMessage();
    return (reason == null ? "pod failed" : reason) + (message == null ? "" : ": " + message);
  }

  /** The verdict's line for the missing share. */
  public static String missingShare(List<FailedShard> failed, int total) {
    StringBuilder line =
        new StringBuilder()
            .append(failed.size())
            .append(" of ")
            .append(total)
            .append(" shards failed, their ")
            .append(String.format(java.util.Locale.ROOT, "%.0f%%", 100.0 * failed.size() / total))
            .append(" of the planned load is missing from the results:");
    for (FailedShard f : failed) {
      line.append(" shard ").append(f.getIndex());
      if (f.getPod() != null) {
        line.append(" (pod ").append(f.getPod()).append(')');
      }
      line.append(' ').append(f.getReason()).append(';');
    }
    line.setLength(line.length() - 1);
    return line.toString();
  }
}
