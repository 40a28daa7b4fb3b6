package io.chatnet.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.contract.Plan;
import io.chatnet.loadgen.client.Json;
import io.chatnet.loadgen.plan.Assignment;
import io.chatnet.loadgen.traffic.MessageText;
import io.chatnet.loadgen.traffic.PoissonArrivals;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PlanTest {
  static final String JSON =
      """
      {"experiment": "e1", "startAt": "2026-11-26T10:00:00Z", "warmupSeconds": 30,
       "durationSeconds": 300, "shards": 3, "seed": "s",
       "clientGroups": [
         {"namePattern": "net-desktop-%d", "kind": "desktop", "replicas": 7,
          "urlPattern": "http://net-desktop-%d.net-desktop.ns.svc.cluster.local:3333"},
         {"namePattern": "net-mobile-%d", "kind": "mobile", "replicas": 3,
          "urlPattern": "http://net-mobile-%d.net-mobile.ns.svc.cluster.local:3333"}],
       "traffic": {"oneToOne": {"pairs": 2, "messagesPerMinute": 6, "payloadBytes": 100},
                   "privateGroups": {"groups": 2, "membersPerGroup": 3, "messagesPerMinute": 2,
                                     "payloadBytes": 100}},
       "unknownField": "ignored", "concurrency": 16}
      """;

  @Test
  void clientGroupsExpandAndShardsSplitThemWithoutOverlap() throws Exception {
    Plan plan = Json.MAPPER.readValue(JSON, Plan.class);
    assertThat(plan.allClients()).hasSize(10);
    assertThat(plan.allClients().get(8).url())
        .isEqualTo("http://net-mobile-1.net-mobile.ns.svc.cluster.local:3333");
    Set<String> seen = new HashSet<>();
    int total = 0;
    for (int shard = 0; shard < 3; shard++) {
      List<Plan.ClientRef> slice = plan.slice(shard);
      assertThat(slice.size()).isBetween(3, 4);
      slice.forEach(c -> assertThat(seen.add(c.name())).isTrue());
      total += slice.size();
    }
    assertThat(total).isEqualTo(10);
    assertThat(plan.measureFrom()).isEqualTo(plan.startAt().plusSeconds(30));
    assertThat(plan.endAt()).isEqualTo(plan.startAt().plusSeconds(330));
  }

  @Test
  void shardsOwnWholePairsAndGroupsAndEveryClientOnce() throws Exception {
    Plan plan = Json.MAPPER.readValue(JSON, Plan.class);
    int pairs = 0;
    int groups = 0;
    Set<String> loggedIn = new HashSet<>();
    for (int shard = 0; shard < 3; shard++) {
      Assignment assignment = Assignment.of(plan, shard);
      Set<String> mine = new HashSet<>();
      assignment.clients().forEach(c -> assertThat(loggedIn.add(c.name())).isTrue());
      assignment.clients().forEach(c -> mine.add(c.name()));
      assignment
          .pairs()
          .forEach(p -> p.members().forEach(c -> assertThat(mine).contains(c.name())));
      assignment
          .groups()
          .forEach(
              g -> {
                assertThat(g.members()).hasSize(3).doesNotHaveDuplicates();
                g.members().forEach(c -> assertThat(mine).contains(c.name()));
              });
      pairs += assignment.pairs().size();
      groups += assignment.groups().size();
    }
    assertThat(pairs).isEqualTo(2);
    assertThat(groups).isEqualTo(2);
    assertThat(loggedIn).hasSize(10);
  }

  @Test
  void messageTextsCarryIdAndSendTimeAndHaveThePayloadSize() {
    String text = new MessageText("3-17", 1_764_150_000_123_456L).encode(200);
    assertThat(text).hasSize(200).startsWith("chatnet|3-17|1764150000123456|");
    assertThat(MessageText.decode(text)).contains(new MessageText("3-17", 1_764_150_000_123_456L));
    assertThat(MessageText.decode("hello")).isEmpty();
    assertThat(MessageText.decode("chatnet|x|notanumber|")).isEmpty();
  }

  @Test
  void poissonGapsHaveTheRequestedMeanAndAreExponential() {
    PoissonArrivals arrivals = new PoissonArrivals(new SplittableRandom(7), 50); // 20 ms mean
    int n = 200_000;
    double sum = 0;
    int underMean = 0;
    for (int i = 0; i < n; i++) {
      long gap = arrivals.nextGapMicros();
      sum += gap;
      underMean += gap < 20_000 ? 1 : 0;
    }
    assertThat(sum / n).isCloseTo(20_000, org.assertj.core.data.Percentage.withPercentage(1));
    // P(X < mean) = 1 - 1/e for an exponential distribution
    assertThat((double) underMean / n)
        .isCloseTo(1 - Math.exp(-1), org.assertj.core.data.Offset.offset(0.01));
  }
}
