package io.chatnet.operator.reconciler;

/**
 * What a refused write means for its owner, and so what the operator does about it. The condition
 * reason of each class is what {@code kubectl describe} shows.
 */
public enum RefusalClass {
  /** 400, 422 or an admission denial: the same spec is refused again; Failed until it changes. */
  REFUSED("WriteRefused", true),
  /** The name is held by an object another owner controls: never overwritten; Failed. */
  NAME_COLLISION("NameCollision", true),
  /** 403 exceeded quota: fixable without a spec change, so retried with backoff. */
  QUOTA_EXCEEDED("QuotaExceeded", false),
  /** 403 otherwise (RBAC, a terminating namespace): retried with backoff. */
  FORBIDDEN("Forbidden", false),
  /** 409, 429, 5xx, timeouts: retried; shown only when it persists. */
  TRANSIENT("WriteFailing", false);

  private final String reason;
  private final boolean fails;

  RefusalClass(String reason, boolean fails) {
    this.reason = reason;
    this.fails = fails;
  }

  /** The condition and event reason. */
  public String reason() {
    return reason;
  }

  /** Whether retrying the same spec cannot help, so the owner's phase is Failed. */
  public boolean fails() {
    return fails;
  }
}
