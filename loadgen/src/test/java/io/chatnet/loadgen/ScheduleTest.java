package io.chatnet.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Plan;
import io.chatnet.loadgen.plan.Assignment;
import io.chatnet.loadgen.traffic.Schedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The send schedule depends on the seed, never on how many load generators share it. */
class ScheduleTest {
  static Plan plan(int shards, String seed, Plan.Traffic traffic, int desktops, int mobiles) {
    List<Plan.ClientGroup> groups =
        List.of(
            new Plan.ClientGroup("d-%d", "http://d-%d:3333", "desktop", desktops),
            new Plan.ClientGroup("m-%d", "http://m-%d:3333", "mobile", mobiles));
    List<String> relayNodes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      relayNodes.add("http://relay-" + i + ":8645");
    }
    return new Plan(
        ContractJson.VERSION,
        "e",
        Instant.parse("2026-12-01T10:00:00Z"),
        0,
        60,
        shards,
        seed,
        null,
        groups,
        relayNodes,
        traffic,
        null,
        null,
        8,
        new Plan.Waku(16, List.of(32, 64), 50),
        0);
  }

  static final Plan.Traffic TRAFFIC =
      new Plan.Traffic(
          new Plan.OneToOne(7, 6, 100, 2),
          new Plan.PrivateGroups(3, 4, 3, 100, 1),
          new Plan.Relay(20, 100, "/chatnet/1/relay-load/proto"));

  /** Every scheduled send of every shard, as "kind from -> to @ offset" (first 60 s). */
  static Set<String> sends(Plan plan) {
    Set<String> all = new TreeSet<>();
    for (int shard = 0; shard < plan.shards(); shard++) {
      Assignment a = Assignment.of(plan, shard);
      for (Schedule.Stream s : Schedule.chats(plan, a.pairs(), a.groups())) {
        String who = s.kind() + " " + s.from() + " -> " + s.to() + " " + s.receivers();
        for (long offset : s.arrivals().offsets(60_000_000)) {
          assertThat(all.add(who + " @ " + offset)).isTrue();
        }
      }
      for (Schedule.RelayStream s : Schedule.relayStreams(plan, shard)) {
        for (long offset : s.arrivals().offsets(60_000_000)) {
          assertThat(all.add("relay " + s.index() + " via " + s.node() + " @ " + offset)).isTrue();
        }
      }
    }
    return all;
  }

  @Test
  void theUnionOfAllShardsSendsIsTheSameForOneTwoAndThreeShards() {
    Set<String> one = sends(plan(1, "s", TRAFFIC, 20, 6));
    // 7 pairs x 2 sides at 0.1/s + 3 groups x 4 members at 0.05/s + relay 20/s over 60 s
    assertThat(one.size()).isGreaterThan(1000);
    assertThat(sends(plan(2, "s", TRAFFIC, 20, 6))).isEqualTo(one);
    assertThat(sends(plan(3, "s", TRAFFIC, 20, 6))).isEqualTo(one);
    // and the seed does change it (the comparison can fail)
    assertThat(sends(plan(1, "t", TRAFFIC, 20, 6))).isNotEqualTo(one);
  }

  @Test
  void groupsAndPairsMixDesktopAndMobileMembersAsAsked() {
    Plan plan = plan(2, "s", TRAFFIC, 20, 6);
    Assignment.Layout layout = Assignment.layout(plan);
    for (int p = 0; p < 2; p++) {
      assertThat(layout.pairs().get(p).members())
          .extracting(Plan.ClientRef::kind)
          .containsExactly("desktop", "mobile");
    }
    for (Assignment.Chat group : layout.groups()) {
      Map<String, Integer> kinds = new HashMap<>();
      group.members().forEach(m -> kinds.merge(m.kind(), 1, Integer::sum));
      assertThat(kinds).isEqualTo(Map.of("desktop", 3, "mobile", 1));
    }
    Set<String> seen = new java.util.HashSet<>();
    layout.pairs().forEach(c -> c.members().forEach(m -> assertThat(seen.add(m.name())).isTrue()));
    layout.groups().forEach(c -> c.members().forEach(m -> assertThat(seen.add(m.name())).isTrue()));
  }

  @Test
  void pairsAndGroupsTheClientsCannotFormAreRefusedNotShrunk() {
    // 7 pairs + 3 groups of 4 need 26 clients; there are 20.
    Plan tooFew = plan(1, "s", TRAFFIC, 14, 6);
    Plan small =
        plan(
            1,
            "s",
            new Plan.Traffic(
                new Plan.OneToOne(7, 6, 100, 2), new Plan.PrivateGroups(3, 4, 3, 100, 1), null),
            8,
            4);
    assertThat(Assignment.problems(small))
        .hasSize(3)
        .contains(
            "traffic.oneToOne.pairs=7 and traffic.privateGroups.groups=3 x membersPerGroup=4 need"
                + " 26 clients (a client chats in at most one pair or group), the plan has 12"
                + " status-backend clients");
    assertThatThrownBy(() -> Assignment.of(small, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("need 26 clients");
    assertThat(LoadRun.problems(small)).isNotEmpty();
    // mobile members: 2 desktop-mobile pairs and 3 groups with 1 mobile need 5 mobiles
    Plan fewMobiles = plan(1, "s", TRAFFIC, 30, 4);
    assertThat(Assignment.problems(fewMobiles))
        .containsExactly(
            "traffic.oneToOne.desktopMobilePairs=2 and traffic.privateGroups.groups=3 with"
                + " mobileMembersPerGroup=1 of membersPerGroup=4 need 5 mobile clients, the plan"
                + " has 4");
    assertThat(Assignment.problems(plan(1, "s", TRAFFIC, 20, 6))).isEmpty();
    assertThat(Assignment.problems(tooFew)).hasSize(1);
  }
}
