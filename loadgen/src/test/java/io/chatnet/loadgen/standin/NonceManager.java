package io.chatnet.loadgen.standin;

import java.util.function.DoubleSupplier;

/**
 * nwaku's RLN NonceManager, as the stand-ins' nodes ration their proofs: the message ids a node may
 * put in proofs, {@code limit} per {@code epochSeconds}, shared by every REST and lightpush publish
 * of the node. Mirrors nwaku v0.36.0 waku/waku_rln_relay/nonce_manager.nim getNonce (unchanged at
 * logos-delivery v0.38.1): the counter resets when {@code epochSeconds} have passed since its last
 * reset (not at epoch boundaries), and a refused request still advances it.
 */
public final class NonceManager {
  private final long limit;
  private final double epochSeconds;
  private final DoubleSupplier clock;
  private long nextNonce;
  private double lastNonceTime;
  private long lastRequested;

  /**
   * @param clock seconds since the Unix epoch, fractional (getTime().toUnixFloat())
   */
  public NonceManager(long limit, double epochSeconds, DoubleSupplier clock) {
    this.limit = limit;
    this.epochSeconds = epochSeconds;
    this.clock = clock;
  }

  public NonceManager(long limit, double epochSeconds) {
    this(limit, epochSeconds, () -> System.currentTimeMillis() / 1000.0);
  }

  /**
   * The next message id, or null with {@link #error} telling why: the caller turns it into its
   * route's answer.
   */
  public synchronized Long getNonce() {
    double now = clock.getAsDouble();
    long nonce = nextNonce;
    if (now - lastNonceTime >= epochSeconds) {
      nonce = 0;
      lastNonceTime = now;
    }
    nextNonce = nonce + 1;
    lastRequested = nonce;
    return nonce >= limit ? null : nonce;
  }

  /** `$`(NonceManagerError) of the last refused request. */
  public synchronized String error() {
    return "NonceLimitReached: Nonce limit reached. Please wait for the next epoch. requested nonce: "
        + lastRequested
        + " & nonceLimit: "
        + limit;
  }

  /**
   * The REST relay routes' answer body when the nonce is refused (rest/relay/handlers.nim: "Failed
   * to publish: error appending RLN proof to message: " &amp; rln_relay.nim appendRLNProof's "could
   * not get new message id to generate an rln proof: " &amp; the error), with HTTP 500.
   */
  public String relayRefusal() {
    return "Failed to publish: error appending RLN proof to message: could not get new message id"
        + " to generate an rln proof: "
        + error();
  }
}
