package io.chatnet.contract;

import java.util.Map;
import lombok.Builder;

/**
 * The figures of one kind of traffic over a shard's measurement window. {@code unknown} receipts
 * are those no reader could observe (a relay node's REST cache overflowed or a read failed after
 * the send; for chat traffic, the receiver's signals websocket was down after the send, and
 * status-backend does not replay signals nobody listened to): they are neither in {@code expected}
 * nor {@code lost}, so the delivery ratio covers receipts whose fate is known.
 *
 * <p>{@code refused}: measured messages refused by the RLN rate limit, neither sent nor failed (so
 * the delivery ratio covers accepted messages; the refused share is refused / (sent + failed +
 * refused)). For relay load, the node's 500 "NonceLimitReached" answer; for chat load, status-go's
 * envelope.expired signal (docs/rln-results.md says why that is all a client sees). {@code
 * refusedBySender} splits them by the sender's client kind. Both are null in summaries written
 * before the load generator counted refusals (contract versions 1 and 2 as first written): absent,
 * not zero.
 *
 * <p>{@code dropped}: measured sends that were due but not issued, because the shard's outstanding
 * sends were at their bound (its clients answered slower than the send rate): neither sent, failed
 * nor expected. Non-zero means the offered load was not reached. Null in summaries written before
 * the load generator bounded its sends: absent, not zero.
 */
@Builder(toBuilder = true)
public record Figures(
    long sent,
    long failed,
    long expected,
    long received,
    long duplicates,
    long late,
    long lost,
    long acked,
    Double deliveryRatio,
    LatencySummary latencyMillis,
    long unknown,
    Long refused,
    Map<String, Long> refusedBySender,
    Long dropped) {

  /** Figures without refusal or dropped counts (as summaries before RLN were written). */
  public Figures(
      long sent,
      long failed,
      long expected,
      long received,
      long duplicates,
      long late,
      long lost,
      long acked,
      Double deliveryRatio,
      LatencySummary latencyMillis,
      long unknown) {
    this(
        sent,
        failed,
        expected,
        received,
        duplicates,
        late,
        lost,
        acked,
        deliveryRatio,
        latencyMillis,
        unknown,
        null,
        null,
        null);
  }

  /** The same figures with another latency summary. */
  public Figures withLatency(LatencySummary latency) {
    return toBuilder().latencyMillis(latency).build();
  }
}
