package io.chatnet.loadgen.plan;

import io.chatnet.loadgen.plan.Plan.ClientRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of a shard's clients chat with which: one-to-one pairs first, then private groups, each
 * client in at most one pair and one group. A shard gets its share of the plan's pairs and groups
 * (the same dealing as clients), so the experiment's totals hold across shards.
 */
public record Assignment(List<List<ClientRef>> pairs, List<List<ClientRef>> groups) {

  public static Assignment of(Plan plan, int shard) {
    List<ClientRef> mine = plan.slice(shard);
    List<List<ClientRef>> pairs = new ArrayList<>();
    List<List<ClientRef>> groups = new ArrayList<>();
    Plan.Traffic traffic = plan.traffic();
    if (traffic != null && traffic.oneToOne() != null) {
      int want = share(traffic.oneToOne().pairs(), plan.shards(), shard);
      for (int i = 0; i + 1 < mine.size() && pairs.size() < want; i += 2) {
        pairs.add(List.of(mine.get(i), mine.get(i + 1)));
      }
    }
    if (traffic != null && traffic.privateGroups() != null) {
      int size = traffic.privateGroups().membersPerGroup();
      int want = share(traffic.privateGroups().groups(), plan.shards(), shard);
      // Groups take the clients after the pairs; when there are too few, they reuse from the start.
      int offset = pairs.size() * 2;
      for (int g = 0; g < want && size <= mine.size(); g++) {
        List<ClientRef> members = new ArrayList<>(size);
        for (int m = 0; m < size; m++) {
          members.add(mine.get((offset + g * size + m) % mine.size()));
        }
        groups.add(members);
      }
    }
    return new Assignment(pairs, groups);
  }

  static int share(int total, int shards, int shard) {
    return (int) ((long) total * (shard + 1) / shards - (long) total * shard / shards);
  }
}
