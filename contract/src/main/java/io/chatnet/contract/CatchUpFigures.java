package io.chatnet.contract;

/**
 * Catch-up after offline spells of one client kind and offline length (Plan.Behaviours.offline):
 * how long after coming back online the messages sent to the client while it was offline arrive
 * (through store queries or resends: the load generator sees only the arrivals).
 *
 * <p>A spell counts when it ends (the client comes back online) inside the measured window and the
 * going-online call was accepted. Its missed messages are the chat messages sent to the client
 * (accepted by the sender's status-backend) between its going offline and coming back that had not
 * arrived by then. The spell has caught up when the last of them arrived; its catch-up time is from
 * coming back (the ConnectionChangeV2 call answered) to that arrival. A missed message not arrived
 * within {@code windowSeconds} of the send never arrived (the load generator's retention window, as
 * for message latency).
 *
 * @param clientKind desktop (relay) or mobile (light)
 * @param offlineSeconds the spell's planned length
 * @param spells spells that ended in the measured window
 * @param spellsWithMissed spells that missed at least one message (the rest have no catch-up time)
 * @param caughtUp spells whose every missed message arrived
 * @param missed messages missed over all spells
 * @param arrived missed messages that arrived after the client came back
 * @param neverArrived missed messages that did not arrive within the retention window (or by the
 *     run's end)
 * @param neverArrivedShare neverArrived / missed (null when nothing was missed)
 * @param windowSeconds the retention window
 * @param catchUpMillis from coming back online to the last missed message (caught-up spells)
 */
public record CatchUpFigures(
    String clientKind,
    int offlineSeconds,
    long spells,
    long spellsWithMissed,
    long caughtUp,
    long missed,
    long arrived,
    long neverArrived,
    Double neverArrivedShare,
    int windowSeconds,
    LatencySummary catchUpMillis) {

  public CatchUpFigures withHistograms(java.util.function.UnaryOperator<String> change) {
    return new CatchUpFigures(
        clientKind,
        offlineSeconds,
        spells,
        spellsWithMissed,
        caughtUp,
        missed,
        arrived,
        neverArrived,
        neverArrivedShare,
        windowSeconds,
        LatencySummaries.change(catchUpMillis, change));
  }
}
