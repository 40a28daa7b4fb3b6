package io.chatnet.operator.experiment;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the shards' termination messages (their summaries) with the contract's mapper. Pure. A
 * message that is not a summary (cut short, or a refusal line) is skipped as unreadable: the shard
 * then counts as unreported. A summary of a contract version this operator does not know is a
 * problem: its fields may mean something else, so it is neither summed nor guessed at.
 *
 * @see ContractJson#versionProblem
 */
public final class ShardSummaries {
  private ShardSummaries() {}

  /**
   * @param summaries the readable summaries of a known version, in shard order
   * @param unreadable shards whose message is not a summary
   * @param problems one line per shard whose summary has an unknown contract version
   */
  public record Read(List<Summary> summaries, List<String> unreadable, List<String> problems) {}

  /** Nothing read yet (the Job has not finished). */
  public static final Read NONE = new Read(List.of(), List.of(), List.of());

  /** {@code messagesByShard}: shard name to its termination message, in shard order. */
  public static Read read(Map<String, String> messagesByShard) {
    List<Summary> summaries = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    messagesByShard.forEach(
        (shard, message) -> {
          Summary summary;
          try {
            summary = ContractJson.readSummary(message);
          } catch (Exception e) {
            unreadable.add(shard);
            return;
          }
          ContractJson.versionProblem("summary", summary.contractVersion())
              .ifPresentOrElse(
                  p -> problems.add("shard " + shard + ": " + p), () -> summaries.add(summary));
        });
    return new Read(summaries, unreadable, problems);
  }
}
