package io.chatnet.operator.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.chatnet.contract.ContractJson;
import io.chatnet.contract.Plan;
import io.chatnet.contract.PlanChecks;
import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatNetwork;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DST's six private-chat scenarios (test-scenarios/dst-*, docs/benchmarks.md) make plans with DST's
 * sizes and rates (vacp2p/status-benchmarks src/benchmark_scenarios/private_chats.py at 043038d9)
 * that the load generator accepts on their networks: every field known to the API classes, the plan
 * read back through the contract, PlanChecks and the operator's checks clean.
 */
public class DstScenariosTest {
  static final ObjectMapper STRICT =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /** The seven pairs, by the scenario part of their file names. */
  public static Stream<String> scenarios() {
    return Stream.of(
        "idle-relay",
        "idle-light",
        "contact-requests-relay",
        "contact-requests-light",
        "one-to-one",
        "group-creation",
        "group-messages");
  }

  static <T> T read(String file, Class<T> type) throws Exception {
    String yaml = Files.readString(Scenarios.dir().resolve(file));
    T object = STRICT.readValue(yaml, type);
    if (object instanceof io.fabric8.kubernetes.api.model.HasMetadata m) {
      m.getMetadata().setNamespace("dst-lab");
    }
    return object;
  }

  static Plan plan(String scenario) throws Exception {
    ChatNetwork network = read("dst-" + scenario + "-network.yaml", ChatNetwork.class);
    ChatExperiment experiment = read("dst-" + scenario + ".yaml", ChatExperiment.class);
    assertThat(experiment.getSpec().getNetworkRef().getName())
        .isEqualTo(network.getMetadata().getName());
    assertThat(PlanProblems.of(experiment, network)).isEmpty();
    Plan plan =
        ExperimentPlan.build(experiment, network, Instant.parse("2026-12-02T00:00:00Z"), "c.local");
    return ContractJson.readPlan(ContractJson.write(plan));
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void makesAPlanTheLoadGeneratorAccepts(String scenario) throws Exception {
    Plan plan = plan(scenario);
    assertThat(plan.contractVersion()).isEqualTo(ContractJson.VERSION);
    assertThat(PlanChecks.problems(plan)).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void carriesDstsSizesAndRates(String scenario) throws Exception {
    Plan plan = plan(scenario);
    List<Plan.ClientRef> clients = plan.allClients();
    Map<String, Long> kinds =
        clients.stream()
            .collect(
                java.util.stream.Collectors.groupingBy(
                    Plan.ClientRef::kind, java.util.stream.Collectors.counting()));
    switch (scenario) {
      case "idle-relay", "idle-light" -> {
        assertThat(kinds)
            .containsExactly(Map.entry(scenario.endsWith("relay") ? "desktop" : "mobile", 101L));
        assertThat(plan.contactRequests())
            .isEqualTo(new Plan.ContactRequests(1, 100, 100, 1.0, 0.0, 0, 120));
        assertThat(plan.idlePhaseSeconds()).isEqualTo(600);
        assertThat(plan.trafficFrom()).isEqualTo(plan.startAt().plusSeconds(720));
      }
      case "contact-requests-relay", "contact-requests-light" -> {
        assertThat(kinds.values()).containsExactly(110L);
        Plan.ContactRequests c = plan.contactRequests();
        assertThat(List.of(c.requesters(), c.targets(), c.requestsPerRequester()))
            .containsExactly(25, 60, 3);
        assertThat(List.of(c.accepting(), c.declining(), c.ignoring())).containsExactly(20, 20, 20);
      }
      case "one-to-one" -> {
        assertThat(kinds).containsExactly(Map.entry("desktop", 150L));
        Plan.OneToOne o = plan.traffic().oneToOne();
        assertThat(o.pairs()).isEqualTo(50);
        assertThat(o.oneWay()).isTrue();
        assertThat(o.messagesPerMinute()).isEqualTo(6.0); // one every 10 s
        assertThat(plan.durationSeconds()).isEqualTo(600); // 60 messages each
      }
      case "group-creation" -> {
        assertThat(kinds).containsExactly(Map.entry("desktop", 110L));
        Plan.PrivateGroups g = plan.traffic().privateGroups();
        assertThat(List.of(g.groups(), g.membersPerGroup())).containsExactly(10, 11);
        assertThat(g.messagesPerMinute()).isZero();
      }
      case "group-messages" -> {
        assertThat(kinds).containsExactly(Map.entry("desktop", 110L));
        Plan.PrivateGroups g = plan.traffic().privateGroups();
        assertThat(List.of(g.groups(), g.membersPerGroup())).containsExactly(10, 11);
        assertThat(g.messagesPerMinute()).isEqualTo(6.0);
      }
      default -> throw new AssertionError(scenario);
    }
  }
}
