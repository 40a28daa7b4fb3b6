package io.chatnet.loadgen.traffic;

/**
 * Which nwaku publish answers are refusals by the RLN rate limit (counted apart from failures).
 *
 * <p>A node with RLN appends a proof to every REST publish, taking a message id from its
 * NonceManager: L ids per E seconds, shared by every REST and lightpush publish of the node. Over
 * the limit the REST relay routes answer HTTP 500 "Failed to publish: error appending RLN proof to
 * message: could not get new message id to generate an rln proof: NonceLimitReached: Nonce limit
 * reached. Please wait for the next epoch. requested nonce: N &amp; nonceLimit: L" (nwaku v0.36.0
 * waku/waku_api/rest/relay/handlers.nim and waku/waku_rln_relay/nonce_manager.nim; the same text at
 * logos-delivery v0.38.1 waku/rest_api/endpoint/relay/handlers.nim, rln_relay.nim createRlnProof).
 * REST lightpush ({@code /lightpush/v3/message}) answers 504 (OUT_OF_RLN_PROOF) with the same text
 * (logos-delivery v0.38.1 waku/waku_lightpush/callbacks.nim,
 * rest_api/endpoint/lightpush/handlers.nim).
 *
 * <p>Not refusals: HTTP 400 "Failed to publish: RLN validation failed" is the node's own validator
 * rejecting the proof it made (stale roots, or a message id reused in one epoch because the
 * NonceManager resets E seconds after its last reset, not at epoch boundaries): a failure, listed
 * with its text in the publish failures. So is 500 "could not generate rln-v2 proof" (no
 * credentials) and 420 (lightpush INVALID_MESSAGE). Only the nonce limit is the rate limit.
 */
public final class RlnRefusals {
  private RlnRefusals() {}

  /** nonce_manager.nim's error kind, in every over-the-limit answer (REST relay and lightpush). */
  static final String NONCE_LIMIT = "NonceLimitReached";

  /**
   * Whether an HTTP answer to a publish is the rate limit's refusal: 500 (REST relay) or 504 (REST
   * lightpush, OUT_OF_RLN_PROOF) naming NonceLimitReached.
   */
  public static boolean isRateLimited(int status, String body) {
    return (status == 500 || status == 504) && body != null && body.contains(NONCE_LIMIT);
  }
}
