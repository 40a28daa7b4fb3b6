package io.chatnet.loadgen.client;

/**
 * What a client's status-go version cannot do at all (no endpoint, no field): refused before
 * anything is sent, and reported as such, never as applied.
 */
public final class UnsupportedByProfile extends StatusBackendException {
  public UnsupportedByProfile(String message) {
    super(message);
  }
}
