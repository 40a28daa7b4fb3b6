package io.chatnet.loadgen.plan;

import io.chatnet.contract.Plan;
import io.chatnet.contract.Plan.ClientRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Chat participants that never send (Plan.Idle.clientShare): exactly {@code round(share x
 * participants)} of the plan's pair and group members, picked with the plan's seed over the
 * plan-wide layout, so every shard count picks the same clients. They stay online in their chats
 * and receive.
 */
public final class Roles {
  private Roles() {}

  public static Set<String> silent(Plan plan) {
    double share = plan.idle() == null ? 0 : plan.idle().clientShare();
    if (share <= 0) {
      return Set.of();
    }
    Assignment.Layout layout = Assignment.layout(plan);
    List<String> participants = new ArrayList<>();
    for (Assignment.Chat chat : layout.pairs()) {
      chat.members().stream().map(ClientRef::name).forEach(participants::add);
    }
    for (Assignment.Chat chat : layout.groups()) {
      chat.members().stream().map(ClientRef::name).forEach(participants::add);
    }
    Collections.shuffle(
        participants, new Random((plan.seed() == null ? 0 : plan.seed().hashCode()) * 31L + 0x51L));
    int silent = (int) Math.min(participants.size(), Math.round(share * participants.size()));
    return new HashSet<>(participants.subList(0, silent));
  }
}
