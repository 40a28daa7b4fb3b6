package io.chatnet.loadgen.client;

/** A status-backend call that failed: HTTP error, an "error" in the response, or an RPC error. */
public class StatusBackendException extends RuntimeException {
  public StatusBackendException(String message) {
    super(message);
  }

  public StatusBackendException(String message, Throwable cause) {
    super(message, cause);
  }
}
