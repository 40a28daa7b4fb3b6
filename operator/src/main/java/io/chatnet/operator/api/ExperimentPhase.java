package io.chatnet.operator.api;

/** The life of a ChatExperiment. */
public enum ExperimentPhase {
  Pending,
  /** The network does not exist yet or is not Ready. */
  WaitingForNetwork,
  /**
   * The network is Ready but another experiment runs on it (or is ahead in the queue); condition
   * Scheduled says which and the position.
   */
  Queued,
  /** Load generator Jobs are created; shards log in and set up before the start instant. */
  Preparing,
  /** Past the start instant: load is flowing. */
  Running,
  /** The Jobs are done; summaries are being collected and judged. */
  Analyzing,
  /** Results and verdict are in status. */
  Succeeded,
  /** It could not run to the end; a condition says why. */
  Failed
}
