package io.chatnet.operator.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.operator.Scenarios;
import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NetworkConditions;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ResourceQuota arithmetic against the smoke scenario's built templates. */
class QuotaCheckTest {
  final ChatNetwork smoke = Scenarios.network("smoke.yaml", "team-a");

  static ResourceQuota quota(String name, Map<String, String> hard, Map<String, String> used) {
    ResourceQuotaBuilder b =
        new ResourceQuotaBuilder().withNewMetadata().withName(name).endMetadata();
    b.withNewSpec().endSpec().withNewStatus().endStatus();
    hard.forEach((k, v) -> b.editSpec().addToHard(k, new Quantity(v)).endSpec());
    hard.forEach((k, v) -> b.editStatus().addToHard(k, new Quantity(v)).endStatus());
    used.forEach((k, v) -> b.editStatus().addToUsed(k, new Quantity(v)).endStatus());
    return b.build();
  }

  List<GroupDemand> demands() {
    return NetworkDemand.of(smoke, Map.of(), Set.of(), Scenarios.DEFAULTS);
  }

  @Test
  void hardMinusUsedAgainstWhatTheNetworkAdds() {
    // smoke requests 2.1 cores, 16 pods; limits.cpu only counts nwaku's 400m x 10 (clients set
    // no limits, so a limits.cpu quota also makes them unstated: see the next test).
    ResourceQuota q =
        quota(
            "compute",
            Map.of("requests.cpu", "3", "pods", "20", "count/statefulsets.apps", "10"),
            Map.of("requests.cpu", "1", "pods", "5", "count/statefulsets.apps", "2"));
    QuotaCheck.Result result = QuotaCheck.check(List.of(q), demands(), List.of(), true);
    assertThat(result.findings())
        .extracting(Finding::message)
        .containsExactly(
            "ResourceQuota compute: pods would reach 21 of hard 20 (used 5, the network adds"
                + " 16, free 15). Fix: raise the quota's spec.hard[pods], lower"
                + " spec.groups[*].replicas or .resources, or set spec.preflight.skipChecks:"
                + " [quota]",
            "ResourceQuota compute: requests.cpu would reach 3.1 of hard 3 (used 1, the network"
                + " adds 2.1, free 2). Fix: raise the quota's spec.hard[requests.cpu], lower"
                + " spec.groups[*].replicas or .resources, or set spec.preflight.skipChecks:"
                + " [quota]");
    assertThat(result.findings()).allMatch(f -> f.reason().equals(Finding.QUOTA_EXCEEDED));

    ResourceQuota roomy =
        quota("compute", Map.of("requests.cpu", "4", "pods", "21", "services", "5"), Map.of());
    QuotaCheck.Result fits = QuotaCheck.check(List.of(roomy), demands(), List.of(), true);
    assertThat(fits.findings()).isEmpty();
    assertThat(fits.summary()).isEqualTo("quota: within ResourceQuota compute");
  }

  @Test
  void objectCountsOnlyCountWhatIsNew() {
    ResourceQuota counts =
        quota(
            "objects",
            Map.of("services", "4", "count/secrets", "10", "configmaps", "1"),
            Map.of("configmaps", "1"));
    // five groups: five headless Services (4 allowed), 3 key Secrets, 1 ConfigMap (none free).
    assertThat(QuotaCheck.check(List.of(counts), demands(), List.of(), true).findings())
        .extracting(Finding::message)
        .allMatch(m -> m.startsWith("ResourceQuota objects: "))
        .anyMatch(m -> m.contains("configmaps would reach 2 of hard 1"))
        .anyMatch(m -> m.contains("services would reach 5 of hard 4"))
        .hasSize(2);
    // With the ConfigMap already there, only Services are short.
    assertThat(QuotaCheck.check(List.of(counts), demands(), List.of(), false).findings())
        .hasSize(1);
  }

  @Test
  void aQuotaOnLimitsNeedsEveryContainerToStateThem() {
    ResourceQuota limits = quota("limits", Map.of("limits.memory", "1Ti"), Map.of());
    // Every container chatnet builds states its limits by default, the netem init container too.
    NetworkConditions conditions = new NetworkConditions();
    conditions.setLatencyMillis(10);
    smoke.getSpec().getGroups().get(1).setNetworkConditions(conditions);
    assertThat(QuotaCheck.check(List.of(limits), demands(), List.of(), true).findings()).isEmpty();

    // A group's own resources replace the defaults: requests alone leave limits unstated.
    smoke
        .getSpec()
        .getGroups()
        .get(3)
        .setResources(
            new ResourceRequirementsBuilder()
                .addToRequests("memory", new Quantity("256Mi"))
                .build());
    List<Finding> findings =
        QuotaCheck.check(List.of(limits), demands(), List.of(), true).findings();
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.reason()).isEqualTo(Finding.QUOTA_REQUIRES_RESOURCES);
              assertThat(f.message())
                  .startsWith(
                      "ResourceQuota limits tracks limits.memory, so the API server refuses pods"
                          + " with a container that does not state it; group desktop"
                          + " (spec.groups[3]) container client states no limits.memory. Fix:"
                          + " set spec.groups[3].resources.limits.memory");
            });

    // A LimitRange default fills it in, as LimitRanger does before quota admission.
    LimitRange defaults =
        new LimitRangeBuilder()
            .withNewSpec()
            .addNewLimit()
            .withType("Container")
            .addToDefault("memory", new Quantity("512Mi"))
            .endLimit()
            .endSpec()
            .build();
    assertThat(QuotaCheck.check(List.of(limits), demands(), List.of(defaults), true).findings())
        .isEmpty();
  }

  @Test
  void scopedQuotasCountOnlyThePodsTheySelect() {
    ResourceQuota bestEffort = quota("be", Map.of("pods", "0"), Map.of());
    bestEffort.getSpec().setScopes(List.of("BestEffort"));
    assertThat(QuotaCheck.check(List.of(bestEffort), demands(), List.of(), true).findings())
        .isEmpty();

    ResourceQuota highPriority = quota("high", Map.of("pods", "1"), Map.of());
    highPriority
        .getSpec()
        .setScopeSelector(
            new io.fabric8.kubernetes.api.model.ScopeSelectorBuilder()
                .addToMatchExpressions(
                    new ScopedResourceSelectorRequirement("In", "PriorityClass", List.of("high")))
                .build());
    assertThat(QuotaCheck.check(List.of(highPriority), demands(), List.of(), true).findings())
        .isEmpty();

    ResourceQuota notTerminating = quota("nt", Map.of("pods", "10"), Map.of());
    notTerminating.getSpec().setScopes(List.of("NotTerminating"));
    assertThat(QuotaCheck.check(List.of(notTerminating), demands(), List.of(), true).findings())
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("pods would reach 16 of hard 10"));
  }
}
