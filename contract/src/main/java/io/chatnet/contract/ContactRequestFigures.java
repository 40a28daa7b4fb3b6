package io.chatnet.contract;

/**
 * The contact-request phase of one requester client kind (Plan.ContactRequests). Every planned
 * request ends in exactly one of: failed (the requester's status-backend refused the send),
 * accepted, declined, ignored, unanswered, answerFailed, or undelivered (sent, never seen by a
 * declining or ignoring target); so {@code planned = failed + accepted + declined + ignored +
 * unanswered + answerFailed + undelivered}.
 *
 * @param planned requests the plan gave this shard's requesters of this kind
 * @param sent requests the requester's status-backend accepted (wakuext_sendContactRequest)
 * @param failed sends refused
 * @param delivered requests seen by their target (its messages.new carried the request) within the
 *     phase
 * @param accepted acceptances seen back at the requester within the phase: the round trips
 * @param declined requests a declining target declined (wakuext_declineContactRequest answered;
 *     status-go tells the requester nothing)
 * @param ignored requests an ignoring target received and, as planned, left unanswered
 * @param unanswered requests to accepting targets whose acceptance did not come back within the
 *     phase (delivered or not)
 * @param answerFailed accept or decline calls the target's status-backend refused
 * @param undelivered requests to declining or ignoring targets that never reached them
 * @param successRate (accepted + declined + ignored) / planned: the share whose planned outcome
 *     happened end to end (null when nothing was planned)
 * @param roundTripMillis from the send call to the acceptance arriving back at the requester
 * @param deliveryMillis from the send call to the request arriving at the target
 */
public record ContactRequestFigures(
    long planned,
    long sent,
    long failed,
    long delivered,
    long accepted,
    long declined,
    long ignored,
    long unanswered,
    long answerFailed,
    long undelivered,
    Double successRate,
    LatencySummary roundTripMillis,
    LatencySummary deliveryMillis) {

  /** The same figures with each latency histogram changed by {@code change}. */
  public ContactRequestFigures withHistograms(java.util.function.UnaryOperator<String> change) {
    return new ContactRequestFigures(
        planned,
        sent,
        failed,
        delivered,
        accepted,
        declined,
        ignored,
        unanswered,
        answerFailed,
        undelivered,
        successRate,
        LatencySummaries.change(roundTripMillis, change),
        LatencySummaries.change(deliveryMillis, change));
  }
}
