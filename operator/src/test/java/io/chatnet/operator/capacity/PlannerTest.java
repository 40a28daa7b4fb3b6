package io.chatnet.operator.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlannerTest {
  static final double GIB = 1024.0 * 1024 * 1024;

  static PlanRequest baseline() {
    // The published baseline: 1000 relay nodes, 1 msg/s network-wide, 1 KB messages.
    return new PlanRequest(
        0, null, 1.0, Traffic.ONE_TO_ONE, null, 1000, 1000, 8, 32 * GIB, 110, null, 0.95);
  }

  static Prediction figure(CapacityPlan plan, Quantity q) {
    return plan.perPod().stream()
        .filter(f -> f.quantity() == q)
        .findFirst()
        .orElseThrow()
        .prediction();
  }

  @Test
  void thePublishedBaselineComesOutAtAbout10KBPerSecondPerNode() {
    CapacityPlan plan = Planner.plan(baseline(), null);
    // REFERENCE.md: "about 10 KB/s in and out per node"; within 10% of it.
    assertThat(figure(plan, Quantity.RELAY_BANDWIDTH_IN).value()).isBetween(9_000.0, 11_000.0);
    assertThat(figure(plan, Quantity.RELAY_BANDWIDTH_OUT).value()).isBetween(9_000.0, 11_000.0);
    assertThat(plan.source()).contains("REFERENCE.md").contains("1000 relay nodes");
    // 1000 relay pods at 150m: 150 cores, 19 machines of 8; 62.5 GiB: 2 of 32 GiB; 1000 pods: 10.
    assertThat(plan.limits())
        .extracting(CapacityPlan.Limit::name, CapacityPlan.Limit::nodes)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("CPU (cores)", 19L),
            org.assertj.core.groups.Tuple.tuple("memory (bytes)", 2L),
            org.assertj.core.groups.Tuple.tuple("pods", 10L));
    assertThat(plan.nodesNeeded()).isEqualTo(19);
    assertThat(plan.binding()).isEqualTo("CPU (cores)");
  }

  @Test
  void privateGroupMessagesGoOutOncePerOtherMemberAndBandwidthCanBind() {
    PlanRequest groups =
        new PlanRequest(
            10_000,
            0.01,
            null,
            Traffic.PRIVATE_GROUPS,
            5,
            1000,
            null,
            64,
            256 * GIB,
            500,
            1e6,
            0.95);
    CapacityPlan plan = Planner.plan(groups, null);
    // 10,000 users x 0.01 msg/s = 100 msg/s, 4 envelopes each: 400/s x 1 kB x 10 = 4 MB/s per
    // relay.
    assertThat(groups.envelopesPerSecond()).isEqualTo(400.0);
    assertThat(figure(plan, Quantity.RELAY_BANDWIDTH_IN).value()).isCloseTo(4e6, within(1.0));
    assertThat(plan.relayNodes()).isEqualTo(10_000);
    assertThat(plan.binding()).isEqualTo("bandwidth (bytes/s)");
    // 10,000 relays x 4 MB/s over 1 MB/s links.
    assertThat(plan.nodesNeeded()).isEqualTo(40_000);
  }

  /** A model whose relay bandwidth in is 9000 (U r)^0.85 with 5% noise, CPU linear in load. */
  static CapacityModel model() {
    Random random = new Random(7);
    List<SweepPoint> points = new ArrayList<>();
    for (double u : LawFitterTest.USERS) {
      for (double r : LawFitterTest.RATES) {
        Map<Quantity, Double> m = new EnumMap<>(Quantity.class);
        double bw = 9000 * Math.pow(u * r, 0.85) * Math.exp(0.05 * random.nextGaussian());
        m.put(Quantity.RELAY_BANDWIDTH_IN, bw);
        m.put(Quantity.RELAY_BANDWIDTH_OUT, bw * 1.1);
        m.put(Quantity.CLIENT_CPU, 0.02 + 0.004 * u * r + 0.001 * random.nextGaussian());
        points.add(
            new SweepPoint("p" + u + "-" + r, u, r, (int) u, Traffic.ONE_TO_ONE, null, 1000, m));
      }
    }
    return CapacityModel.fit(points);
  }

  @Test
  void aModelPlansWithBandsAndFallsBackOnRequestsForWhatItDidNotMeasure() {
    CapacityModel model = model();
    assertThat(model.law(Quantity.RELAY_BANDWIDTH_IN).orElseThrow().law())
        .isEqualTo(Law.POWER_LOAD);
    PlanRequest request =
        new PlanRequest(
            10_000, 0.05, null, Traffic.ONE_TO_ONE, null, 1000, null, 8, 32 * GIB, 110, null, 0.95);
    CapacityPlan plan = Planner.plan(request, model);
    Prediction in = figure(plan, Quantity.RELAY_BANDWIDTH_IN);
    double truth = 9000 * Math.pow(500, 0.85);
    assertThat(in.predictionLow()).isLessThan(truth);
    assertThat(in.predictionHigh()).isGreaterThan(truth);
    assertThat(in.extrapolated()).isTrue();
    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).startsWith("extrapolated"));
    assertThat(plan.perPod())
        .filteredOn(f -> f.quantity() == Quantity.RELAY_CPU)
        .singleElement()
        .satisfies(f -> assertThat(f.source()).isEqualTo(Baseline.RELAY_RESOURCES_SOURCE));
    // The sweep ran one relay per user: 10,000 relays.
    assertThat(plan.relayNodes()).isEqualTo(10_000);
    assertThat(plan.nodesNeededAtBandHigh()).isGreaterThanOrEqualTo(plan.nodesNeeded());
  }

  @Test
  void aModelReadBackFromJsonPredictsTheSame() {
    CapacityModel model = model();
    CapacityModel back = CapacityModel.read(model.toJson(), "model.json");
    Prediction a = model.law(Quantity.RELAY_BANDWIDTH_IN).orElseThrow().predict(5000, 0.1, 0.9);
    Prediction b = back.law(Quantity.RELAY_BANDWIDTH_IN).orElseThrow().predict(5000, 0.1, 0.9);
    assertThat(b).isEqualTo(a);
    assertThatThrownBy(() -> CapacityModel.read("{\"schema\":\"x\"}", "other.json"))
        .hasMessage(
            "other.json is not a chatnet capacity model (schema chatnet.io/capacity-model/v1)");
  }

  /** A request on 8-core, 1 GiB machines with the load and traffic given. */
  static PlanRequest request(
      long users, Double rate, Double networkRate, Traffic traffic, Integer groupSize) {
    return new PlanRequest(
        users, rate, networkRate, traffic, groupSize, 1000, null, 8, GIB, 110, null, 0.95);
  }

  @Test
  void requestsThatCannotBePlannedAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> Planner.plan(request(0, null, 1.0, Traffic.ONE_TO_ONE, null), null))
        .hasMessage("with no users, give the relay node count: --relay-nodes");
    assertThatThrownBy(() -> Planner.plan(request(10, 0.1, 1.0, Traffic.ONE_TO_ONE, null), null))
        .hasMessage("give exactly one of --rate (per user) and --network-rate");
    assertThatThrownBy(
            () -> Planner.plan(request(10, 0.1, null, Traffic.PRIVATE_GROUPS, null), null))
        .hasMessage("--traffic private-groups needs --group-size of 2 or more");
    assertThatThrownBy(
            () -> Planner.plan(request(10, 0.1, null, Traffic.PRIVATE_GROUPS, 4), model()))
        .hasMessage(
            "the model was fitted on one-to-one traffic, the plan asks for private groups of 4:"
                + " fit a sweep of that traffic, or plan without --model");
    assertThatThrownBy(() -> Planner.plan(baseline(), model()))
        .hasMessageStartingWith("the model's laws are functions of users");
  }

  @Test
  void pointsOfDifferentTrafficAreNotFittedTogether() {
    Map<Quantity, Double> m = Map.of(Quantity.CLIENT_CPU, 0.1);
    List<SweepPoint> points =
        List.of(
            new SweepPoint("lab/a", 100, 0.1, 100, Traffic.ONE_TO_ONE, null, 256, m),
            new SweepPoint("lab/b", 100, 0.1, 100, Traffic.PRIVATE_GROUPS, 5, 256, m));
    assertThatThrownBy(() -> CapacityModel.fit(points))
        .hasMessage(
            "points of different traffic: lab/a is one-to-one, lab/b is private groups of 5;"
                + " fit one traffic mix at a time");
    assertThatThrownBy(
            () ->
                CapacityModel.fit(
                    List.of(new SweepPoint("lab/relay", 0, 0, 10, Traffic.OTHER, null, null, m))))
        .hasMessage("no point has users and a message rate per user above zero: nothing to fit");
  }
}
