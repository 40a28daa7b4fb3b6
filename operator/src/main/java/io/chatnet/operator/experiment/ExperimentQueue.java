package io.chatnet.operator.experiment;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ExperimentPhase;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One experiment at a time on a network. The queue is derived from the API objects alone (so it
 * survives an operator restart): an experiment is active once it has a planned start and is not
 * finished; the others that are not finished wait in the order (creationTimestamp, name). An
 * experiment may start when nothing else on its network is active and it is first in that order.
 * Pure.
 */
public final class ExperimentQueue {
  private ExperimentQueue() {}

  /**
   * @param mayStart nothing runs on the network and this experiment is first in line
   * @param running the experiment running on the network, when one is
   * @param position 1-based place in the waiting line
   * @param waiting how many wait, this one included
   */
  public record Decision(boolean mayStart, Optional<String> running, int position, int waiting) {
    /** What condition Scheduled says while the experiment waits. */
    public String message(String network) {
      String head =
          running
              .map(r -> "experiment " + r + " is running on network " + network)
              .orElse("network " + network + " is kept for the experiments ahead");
      return head + "; this one is number " + position + " of " + waiting + " waiting";
    }
  }

  static final Comparator<ChatExperiment> ORDER =
      Comparator.comparing((ChatExperiment e) -> e.getMetadata().getCreationTimestamp())
          .thenComparing(e -> e.getMetadata().getName());

  /** {@code onNetwork}: every experiment in the namespace whose networkRef names the network. */
  public static Decision decide(ChatExperiment self, Collection<ChatExperiment> onNetwork) {
    String name = self.getMetadata().getName();
    Optional<String> running =
        onNetwork.stream()
            .filter(e -> !e.getMetadata().getName().equals(name))
            .filter(ExperimentQueue::active)
            .map(e -> e.getMetadata().getName())
            .sorted()
            .findFirst();
    List<ChatExperiment> line =
        onNetwork.stream()
            .filter(e -> !e.getMetadata().getName().equals(name))
            .filter(ExperimentQueue::waiting)
            .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    line.add(self);
    line.sort(ORDER);
    int position = 1 + line.indexOf(self);
    return new Decision(running.isEmpty() && position == 1, running, position, line.size());
  }

  /** Started (a planned start is fixed) and not finished: it holds the network. */
  static boolean active(ChatExperiment e) {
    return e.getMetadata().getDeletionTimestamp() == null
        && e.getStatus() != null
        && e.getStatus().getPlannedStart() != null
        && !finished(e);
  }

  /** Not started, not finished, not being deleted: it stands in line. */
  static boolean waiting(ChatExperiment e) {
    return e.getMetadata().getDeletionTimestamp() == null
        && (e.getStatus() == null || e.getStatus().getPlannedStart() == null)
        && !finished(e);
  }

  private static boolean finished(ChatExperiment e) {
    ExperimentPhase phase = e.getStatus() == null ? null : e.getStatus().getPhase();
    return phase == ExperimentPhase.Succeeded || phase == ExperimentPhase.Failed;
  }
}
