package io.chatnet.loadgen.standin;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The status-backend stand-in's light clients on an RLN network: their messages go by lightpush to
 * one service node, which attaches proofs from its own membership and refuses over its limit (nwaku
 * v0.36.0 waku/waku_lightpush_legacy/callbacks.nim checkAndGenerateRLNProof: the legacy lightpush
 * status-go c72f4913 speaks answers isSuccess=false with the NonceManager's text).
 *
 * <p>What status-go does with the refusal (status-im/status-go c72f4913): wakuext's send returns
 * the message at once (wakuv2/message_publishing.go Send only queues it); publishEnvelope's
 * lightpush fails and posts EventEnvelopeExpired; protocol/transport/envelopes_monitor.go
 * handleEnvelopeFailure retries while attempts &lt; MaxAttempts (api/defaults.go
 * DefaultMaxMessageDeliveryAttempts = 3), each retry when backoffDuration(attempts) = 1 s *
 * 2^attempts has passed, checked every 500 ms (retryLoop); after the last it calls EnvelopeExpired,
 * and the client gets the signal "envelope.expired" {ids: [message id], hash, message: "envelope
 * expired due to connectivity issues"} (signal/events_shhext.go): the RLN reason is not in it. A
 * retry that falls in a fresh epoch gets a proof and is delivered late.
 */
public final class LightpushRln {
  /** api/defaults.go DefaultMaxMessageDeliveryAttempts. */
  public static final int MAX_ATTEMPTS = 3;

  /** envelopes_monitor.go handleEventEnvelopeExpired's error, the signal's message. */
  public static final String EXPIRED_MESSAGE = "envelope expired due to connectivity issues";

  private static final long RETRY_TICK_MILLIS = 500;
  private final NonceManager serviceNode;

  /** Texts of the messages whose envelopes expired (the ground truth of chat refusals). */
  public final Queue<String> expired = new ConcurrentLinkedQueue<>();

  /** Lightpush attempts the service node refused (first sends and retries). */
  public final AtomicLong refusedAttempts = new AtomicLong();

  /** Messages delivered by a retry after a refusal. */
  public final AtomicLong deliveredOnRetry = new AtomicLong();

  public LightpushRln(long limit, double epochSeconds) {
    this.serviceNode = new NonceManager(limit, epochSeconds);
  }

  /** Whether the service node has a proof for an attempt now. */
  boolean attempt() {
    if (serviceNode.getNonce() != null) {
      return true;
    }
    refusedAttempts.incrementAndGet();
    return false;
  }

  /**
   * How long after a failed attempt (the {@code attempts}-th) status-go retries: backoffDuration
   * rounded up to retryLoop's 500 ms tick.
   */
  static long retryDelayMillis(int attempts) {
    long backoff = Math.min(1000L << attempts, 30_000L);
    return (backoff + RETRY_TICK_MILLIS - 1) / RETRY_TICK_MILLIS * RETRY_TICK_MILLIS;
  }
}
