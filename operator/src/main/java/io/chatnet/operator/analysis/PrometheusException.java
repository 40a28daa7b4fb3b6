package io.chatnet.operator.analysis;

/** A query that produced no answer, with the condition reason that says why. */
public final class PrometheusException extends Exception {
  /** Condition reasons of MetricsAvailable=False. */
  public enum Reason {
    /** Connection refused, host unknown, or no answer within the timeout. */
    PrometheusUnreachable,
    /** An HTTP error, {@code status: error}, or an answer that is not the API's JSON. */
    QueryFailed
  }

  private final Reason reason;

  public PrometheusException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
