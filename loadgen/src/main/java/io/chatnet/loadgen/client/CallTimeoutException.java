package io.chatnet.loadgen.client;

/**
 * A status-backend call that got no answer within the load generator's deadline: the client
 * accepted the connection (or not even that) and never answered. Not retried: a client that does
 * not answer holds every retry for the whole deadline, and with it the shard's setup.
 */
public final class CallTimeoutException extends StatusBackendException {
  public CallTimeoutException(String message) {
    super(message);
  }
}
