package io.chatnet.operator.api;

/** The life of a ChatSweep. */
public enum SweepPhase {
  Pending,
  /** Points are being run, one after another. */
  Running,
  /** Every point is recorded and the report (model.json, points.json) is stored. */
  Succeeded,
  /** The spec cannot make points, or no point gave a usable result; a condition says why. */
  Failed
}
