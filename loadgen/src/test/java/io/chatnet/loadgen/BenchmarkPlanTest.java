package io.chatnet.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Plan;
import io.chatnet.loadgen.plan.Assignment;
import io.chatnet.loadgen.plan.ContactLayout;
import io.chatnet.loadgen.plan.Roles;
import io.chatnet.loadgen.traffic.Multipliers;
import io.chatnet.loadgen.traffic.Schedule;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Issue 16's plan fields as the load generator lays them out, without running anything. */
class BenchmarkPlanTest {
  /** DST's contact-request scenario: 25 requesters each asking 3 of 60 users; 20/20/20. */
  static final String DST_CONTACTS =
      """
      {"contractVersion": 2, "experiment": "dst", "startAt": "2026-12-02T01:00:00Z",
       "warmupSeconds": 0, "durationSeconds": 10, "shards": %d, "seed": "dst",
       "clientGroups": [{"namePattern": "m-%%d", "urlPattern": "http://m-%%d:3333",
                         "kind": "mobile", "replicas": 85}],
       "contactRequests": {"requesters": 25, "targets": 60, "requestsPerRequester": 3,
                           "acceptShare": 0.3333, "declineShare": 0.3333, "spreadSeconds": 5,
                           "phaseSeconds": 60}}
      """;

  @Test
  void dstsContactScenarioLaysOutTwentyOfEachAnswerAndNoRequestCrossesShards() throws Exception {
    for (int shards : new int[] {1, 3}) {
      Plan plan = ContractJson.readPlan(DST_CONTACTS.formatted(shards));
      ContactLayout layout = ContactLayout.of(plan, Assignment.layout(plan));
      Map<ContactLayout.Answer, Long> answers =
          layout.answers().values().stream()
              .collect(Collectors.groupingBy(a -> a, Collectors.counting()));
      assertThat(answers)
          .containsEntry(ContactLayout.Answer.ACCEPT, 20L)
          .containsEntry(ContactLayout.Answer.DECLINE, 20L)
          .containsEntry(ContactLayout.Answer.IGNORE, 20L);
      int requests = 0;
      Set<String> loggedIn = new HashSet<>();
      for (int shard = 0; shard < shards; shard++) {
        Assignment assignment = Assignment.of(plan, shard);
        assignment.clients().forEach(c -> assertThat(loggedIn.add(c.name())).isTrue());
        ContactLayout.Cell cell = assignment.contacts();
        Set<String> mine =
            assignment.clients().stream().map(Plan.ClientRef::name).collect(Collectors.toSet());
        for (ContactLayout.Request r : cell.requests()) {
          assertThat(mine).contains(r.requester().name(), r.target().name());
        }
        // each requester asks 3 distinct targets
        cell.requests().stream()
            .collect(Collectors.groupingBy(r -> r.requester().name()))
            .forEach(
                (requester, asked) ->
                    assertThat(asked.stream().map(r -> r.target().name()).distinct()).hasSize(3));
        requests += cell.requests().size();
      }
      assertThat(requests).isEqualTo(75);
      assertThat(loggedIn).hasSize(85);
    }
    // the answers are the plan's, whatever the shard count
    assertThat(
            ContactLayout.of(
                    ContractJson.readPlan(DST_CONTACTS.formatted(1)),
                    Assignment.layout(ContractJson.readPlan(DST_CONTACTS.formatted(1))))
                .answers())
        .isEqualTo(
            ContactLayout.of(
                    ContractJson.readPlan(DST_CONTACTS.formatted(3)),
                    Assignment.layout(ContractJson.readPlan(DST_CONTACTS.formatted(3))))
                .answers());
  }

  @Test
  void multipliersHaveMeanOneAndParetoMakesMostSendLittleAndAFewALot() {
    for (String name : List.of("constant", "exponential", "pareto", "lognormal")) {
      Plan.Distribution d = new Plan.Distribution(name, name.equals("pareto") ? 2.5 : 0);
      SplittableRandom random = new SplittableRandom(16);
      double sum = 0;
      int n = 400_000;
      for (int i = 0; i < n; i++) {
        sum += Multipliers.draw(d, random);
      }
      assertThat(sum / n).as(name).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.02));
    }
    // alpha 1.16: the top 20% of senders make about 80% of the messages
    SplittableRandom random = new SplittableRandom(7);
    double[] rates = new double[100_000];
    for (int i = 0; i < rates.length; i++) {
      rates[i] = Multipliers.draw(new Plan.Distribution("pareto", 1.16), random);
    }
    java.util.Arrays.sort(rates);
    double total = java.util.Arrays.stream(rates).sum();
    double top = java.util.Arrays.stream(rates, (int) (rates.length * 0.8), rates.length).sum();
    assertThat(top / total).isBetween(0.6, 0.95);
    assertThat(rates[rates.length / 2]).isLessThan(0.5); // the median user sends little
  }

  @Test
  void sizesStayInTheirBoundsAndWithoutSizesAreThePayload() {
    Plan.MessageSizes sizes =
        new Plan.MessageSizes(new Plan.Distribution("exponential", 0), 50, 900);
    SplittableRandom random = new SplittableRandom(1);
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      int size = Multipliers.size(sizes, 300, random);
      assertThat(size).isBetween(50, 900);
      seen.add(size);
    }
    assertThat(seen).contains(50, 900);
    assertThat(Multipliers.size(null, 300, random)).isEqualTo(300);
  }

  @Test
  void silentClientsAndOneWayPairsHaveNoStreamsWhateverTheShardCount() throws Exception {
    String json =
        """
        {"contractVersion": 2, "experiment": "e", "startAt": "2026-12-02T01:00:00Z",
         "warmupSeconds": 0, "durationSeconds": 10, "shards": %d, "seed": "s",
         "clientGroups": [{"namePattern": "d-%%d", "urlPattern": "http://d-%%d:3333",
                           "kind": "desktop", "replicas": 40}],
         "traffic": {"oneToOne": {"pairs": 10, "messagesPerMinute": 6, "payloadBytes": 100,
                                  "oneWay": true},
                     "privateGroups": {"groups": 2, "membersPerGroup": 5,
                                       "messagesPerMinute": 6, "payloadBytes": 100}},
         "idle": {"phaseSeconds": 30, "clientShare": 0.1},
         "activity": {"perUserRate": {"name": "exponential"}}}
        """;
    Set<String> streamsOne = streams(ContractJson.readPlan(json.formatted(1)));
    Set<String> streamsFour = streams(ContractJson.readPlan(json.formatted(4)));
    assertThat(streamsOne).isEqualTo(streamsFour);
    Plan plan = ContractJson.readPlan(json.formatted(1));
    Set<String> silent = Roles.silent(plan);
    assertThat(silent).hasSize(3); // 10% of 30 participants
    // 10 one-way senders and 10 group members, less the silent ones among them
    Set<String> senders =
        streamsOne.stream().map(s -> s.substring(0, s.indexOf(' '))).collect(Collectors.toSet());
    assertThat(senders).doesNotContainAnyElementsOf(silent);
    assertThat(senders).hasSizeLessThanOrEqualTo(20).hasSizeGreaterThanOrEqualTo(17);
    assertThat(plan.trafficFrom()).isEqualTo(plan.startAt().plusSeconds(30));
  }

  private static Set<String> streams(Plan plan) {
    Set<String> out = new HashSet<>();
    for (int shard = 0; shard < plan.shards(); shard++) {
      Assignment a = Assignment.of(plan, shard);
      for (Schedule.Stream s : Schedule.chats(plan, a.pairs(), a.groups())) {
        out.add(s.from() + " " + s.to() + " " + s.perSecond());
      }
    }
    return out;
  }
}
