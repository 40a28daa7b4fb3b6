package io.chatnet.contract;

/**
 * Private group creations of one creator client kind: from the wakuext_createGroupChatWithMembers
 * call to the last member's messages.new that carries the new group chat (every member sees the
 * group). The contacts the creator makes with its members first are setup, not timed.
 *
 * @param attempted groups whose creation began (their members logged in)
 * @param created groups the creator's status-backend created (the call answered a chat id)
 * @param failed groups not created: a contact with a member or the create call failed
 * @param complete created groups every member saw within {@link #SEEN_TIMEOUT_SECONDS}
 * @param incomplete created groups some member had not seen by then
 * @param allMembersMillis create call to the last member seeing the group (complete groups)
 */
public record GroupCreationFigures(
    long attempted,
    long created,
    long failed,
    long complete,
    long incomplete,
    LatencySummary allMembersMillis) {

  /** How long after the create call members have to see the group. */
  public static final int SEEN_TIMEOUT_SECONDS = 60;

  public GroupCreationFigures withHistograms(java.util.function.UnaryOperator<String> change) {
    return new GroupCreationFigures(
        attempted,
        created,
        failed,
        complete,
        incomplete,
        LatencySummaries.change(allMembersMillis, change));
  }
}
