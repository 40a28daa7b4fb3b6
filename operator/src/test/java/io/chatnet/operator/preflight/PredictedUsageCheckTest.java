package io.chatnet.operator.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.CapacityModelRef;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.capacity.CapacityModel;
import io.chatnet.operator.capacity.Quantity;
import io.chatnet.operator.capacity.SweepPoint;
import io.chatnet.operator.capacity.Traffic;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The preflight's predictions from a capacity model, against the smoke network's pods. */
class PredictedUsageCheckTest {
  static final double MIB = 1024 * 1024;

  /**
   * A model whose points measured the same figures everywhere (so each law is a constant): client
   * memory {@code clientMemoryMib}, client CPU 0.5 cores, relay memory 100 MiB, relay CPU 0.05.
   */
  static CapacityModel model(double clientMemoryMib) {
    List<SweepPoint> points = new ArrayList<>();
    for (double u : new double[] {10, 30, 100}) {
      for (double r : new double[] {0.05, 0.2}) {
        Map<Quantity, Double> m = new EnumMap<>(Quantity.class);
        m.put(Quantity.CLIENT_MEMORY, clientMemoryMib * MIB);
        m.put(Quantity.CLIENT_CPU, 0.5);
        m.put(Quantity.RELAY_MEMORY, 100 * MIB);
        m.put(Quantity.RELAY_CPU, 0.05);
        points.add(
            new SweepPoint(
                "lab/p-" + u + "-" + r, u, r, (int) u, Traffic.ONE_TO_ONE, null, 1000, m));
      }
    }
    return CapacityModel.fit(points);
  }

  static CapacityModelRef ref(double perMinute) {
    CapacityModelRef ref = new CapacityModelRef();
    ref.setConfigMap("sweep-model");
    ref.setMessagesPerMinutePerUser(perMinute);
    return ref;
  }

  final ChatNetwork smoke = Scenarios.network("smoke.yaml", "team-a");

  NodeGroup group(String name) {
    return smoke.getSpec().getGroups().stream()
        .filter(g -> g.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  void resources(String group, String cpuRequest, String memoryRequest, String memoryLimit) {
    group(group)
        .setResources(
            new ResourceRequirementsBuilder()
                .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity(cpuRequest))
                .addToRequests(
                    "memory", new io.fabric8.kubernetes.api.model.Quantity(memoryRequest))
                .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity(memoryLimit))
                .build());
  }

  PredictedUsageCheck.Result check(CapacityModel model, double perMinute) {
    List<GroupDemand> demands = NetworkDemand.of(smoke, Map.of(), Set.of(), Scenarios.DEFAULTS);
    return PredictedUsageCheck.check(
        model, ref(perMinute), smoke.getSpec().getGroups(), demands, List.of());
  }

  @Test
  void memoryPredictedOverTheLimitRefusesNamingTheGroupAndTheField() {
    resources("desktop", "100m", "256Mi", "512Mi");
    resources("mobile", "100m", "256Mi", "2Gi");
    PredictedUsageCheck.Result result = check(model(900), 6);
    assertThat(result.findings()).hasSize(1);
    Finding f = result.findings().get(0);
    assertThat(f.reason()).isEqualTo("PredictedMemoryOverLimit");
    assertThat(f.message())
        .startsWith(
            "the capacity model in ConfigMap sweep-model key model.json"
                + " (spec.preflight.capacityModel) predicts 900Mi of memory per pod of group"
                + " desktop (spec.groups[3])")
        .contains("for 6 clients at 6 messages per minute each, over its memory limit 512Mi")
        .contains("raise spec.groups[3].resources.limits.memory")
        .contains("skipChecks: [capacityModel]");
  }

  @Test
  void predictionsOverTheRequestsAreNotedAndCountedNotRefused() {
    resources("desktop", "100m", "256Mi", "2Gi");
    resources("mobile", "1", "1Gi", "2Gi");
    PredictedUsageCheck.Result result = check(model(900), 6);
    assertThat(result.findings()).isEmpty();
    // desktop: both over the requests; mobile: neither (1 core, 1Gi requested)
    assertThat(result.usage()).containsOnlyKeys("desktop", "boot", "relay", "store");
    assertThat(result.usage().get("desktop").get("memory"))
        .isCloseTo(
            BigDecimal.valueOf(900 * MIB), org.assertj.core.data.Offset.offset(BigDecimal.ONE));
    assertThat(result.usage().get("desktop").get("cpu"))
        .isCloseTo(
            new BigDecimal("0.5"), org.assertj.core.data.Offset.offset(new BigDecimal("1e-9")));
    assertThat(result.notes())
        .anyMatch(
            n ->
                n.startsWith(
                    "group desktop (spec.groups[3]) is predicted to use cpu 500m, memory 900Mi per pod, over its requests (cpu 100m, memory 256Mi)"));
    assertThat(result.summary())
        .startsWith(
            "capacity model ConfigMap sweep-model key model.json (spec.preflight.capacityModel):"
                + " 6 clients at 6 messages per minute each, predicted per pod")
        .contains("desktop 900Mi", "desktop 500m CPU", "relay 100Mi");
  }

  @Test
  void aNetworkWithoutClientsCannotBePredicted() {
    smoke.getSpec().getGroups().removeIf(g -> g.getKind().name().equals("STATUS_BACKEND"));
    PredictedUsageCheck.Result result = check(model(900), 6);
    assertThat(result.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.reason()).isEqualTo("CapacityModelNotApplicable");
              assertThat(f.message()).contains("0 status-backend clients");
            });
  }

  @Test
  void theCapacityCheckCountsThePredictionWhereItExceedsTheRequests() {
    resources("desktop", "100m", "256Mi", "2Gi");
    List<GroupDemand> demands = NetworkDemand.of(smoke, Map.of(), Set.of(), Scenarios.DEFAULTS);
    var nodes = List.of(CapacityCheckTest.node("n1", "64", "4Gi", 110));
    assertThat(CapacityCheck.check(nodes, List.of(), demands, List.of()).finding()).isEmpty();
    var predicted = check(model(900), 6).usage();
    var refused = CapacityCheck.check(nodes, List.of(), demands, List.of(), predicted);
    assertThat(refused.finding())
        .hasValueSatisfying(
            f ->
                assertThat(f.message())
                    .startsWith("group desktop (spec.groups[3]) adds 4 pods requesting")
                    .contains("memory 900Mi"));
  }

  @Test
  void aMissingOrUnreadableModelIsAFindingNamingIt() {
    CapacityModelRef ref = ref(6);
    var missing = CapacityModelSource.load(ref, name -> null);
    assertThat(missing.finding().reason()).isEqualTo("CapacityModelNotFound");
    assertThat(missing.finding().message())
        .startsWith(
            "ConfigMap sweep-model named by spec.preflight.capacityModel.configMap does not exist");
    ConfigMap wrongKey =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("sweep-model")
            .endMetadata()
            .addToData("report.json", "{}")
            .build();
    var noKey = CapacityModelSource.load(ref, name -> wrongKey);
    assertThat(noKey.finding().reason()).isEqualTo("CapacityModelNotFound");
    assertThat(noKey.finding().message())
        .contains("has no key model.json (spec.preflight.capacityModel.key; keys: report.json)");
    ConfigMap garbage =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("sweep-model")
            .endMetadata()
            .addToData("model.json", "{\"schema\": \"something else\"}")
            .build();
    var unreadable = CapacityModelSource.load(ref, name -> garbage);
    assertThat(unreadable.finding().reason()).isEqualTo("CapacityModelUnreadable");
    assertThat(unreadable.finding().message()).contains("is not a chatnet capacity model");
    ConfigMap good =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("sweep-model")
            .endMetadata()
            .addToData("model.json", model(900).toJson())
            .build();
    var loaded = CapacityModelSource.load(ref, name -> good);
    assertThat(loaded.finding()).isNull();
    assertThat(loaded.model().law(Quantity.CLIENT_MEMORY)).isPresent();
  }
}
