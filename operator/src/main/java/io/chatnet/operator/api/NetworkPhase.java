package io.chatnet.operator.api;

/** The life of a ChatNetwork, as shown in the Phase column. */
public enum NetworkPhase {
  /** Accepted, nothing created yet. */
  Pending,
  /** Groups are being created or are starting, stage by stage. */
  Provisioning,
  /** Every group has all its pods ready. */
  Ready,
  /** Was ready; some pods are not ready any more. */
  Degraded,
  /** The spec cannot be realised; a condition says why. */
  Failed
}
