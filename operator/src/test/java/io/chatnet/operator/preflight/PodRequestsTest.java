package io.chatnet.operator.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodRequestsTest {
  static Container container(String name, String cpu, String memory) {
    ContainerBuilder b = new ContainerBuilder().withName(name).withImage("x");
    if (cpu != null) {
      b.editOrNewResources().addToRequests("cpu", new Quantity(cpu)).endResources();
    }
    if (memory != null) {
      b.editOrNewResources().addToRequests("memory", new Quantity(memory)).endResources();
    }
    return b.build();
  }

  static BigDecimal cpu(PodSpec pod) {
    return PodRequests.of(pod).requests().get("cpu");
  }

  @Test
  void appContainersAreSummed() {
    PodSpec pod =
        new PodSpecBuilder()
            .withContainers(container("a", "100m", "64Mi"), container("b", "250m", "1Gi"))
            .build();
    PodRequests.Amounts amounts = PodRequests.of(pod);
    assertThat(amounts.requests().get("cpu")).isEqualByComparingTo("0.35");
    assertThat(amounts.requests().get("memory"))
        .isEqualByComparingTo(BigDecimal.valueOf(64L * 1024 * 1024 + 1024L * 1024 * 1024));
  }

  @Test
  void aLargerInitContainerDecidesElseTheAppContainersDo() {
    PodSpec bigInit =
        new PodSpecBuilder()
            .withInitContainers(container("init", "2", "16Mi"))
            .withContainers(container("a", "100m", "64Mi"), container("b", "100m", "64Mi"))
            .build();
    PodRequests.Amounts amounts = PodRequests.of(bigInit);
    // max(largest init, sum of apps) per resource: cpu from the init container, memory from apps.
    assertThat(amounts.requests().get("cpu")).isEqualByComparingTo("2");
    assertThat(amounts.requests().get("memory"))
        .isEqualByComparingTo(BigDecimal.valueOf(128L * 1024 * 1024));

    PodSpec smallInits =
        new PodSpecBuilder()
            .withInitContainers(container("i1", "150m", null), container("i2", "50m", null))
            .withContainers(container("a", "100m", null), container("b", "100m", null))
            .build();
    assertThat(cpu(smallInits)).isEqualByComparingTo("0.2");
  }

  @Test
  void sidecarsAddToAppsAndRunBesideLaterInitContainers() {
    Container sidecar = container("side", "300m", null);
    sidecar.setRestartPolicy("Always");
    PodSpec pod =
        new PodSpecBuilder()
            .withInitContainers(sidecar, container("after", "1", null))
            .withContainers(container("a", "100m", null))
            .build();
    // init phase: 1 + 0.3 (sidecar already running); apps: 0.1 + 0.3.
    assertThat(cpu(pod)).isEqualByComparingTo("1.3");
  }

  @Test
  void aMissingRequestTakesTheLimitAndThenTheLimitRangeDefault() {
    Container limitOnly =
        new ContainerBuilder()
            .withName("l")
            .withNewResources()
            .addToLimits("cpu", new Quantity("500m"))
            .endResources()
            .build();
    Container bare = new ContainerBuilder().withName("bare").build();
    PodSpec pod = new PodSpecBuilder().withContainers(limitOnly, bare).build();
    assertThat(cpu(pod)).isEqualByComparingTo("0.5");

    LimitRange defaults =
        new LimitRangeBuilder()
            .withNewSpec()
            .addNewLimit()
            .withType("Container")
            .addToDefault("cpu", new Quantity("1"))
            .addToDefaultRequest("cpu", new Quantity("200m"))
            .endLimit()
            .endSpec()
            .build();
    PodRequests.Amounts amounts = PodRequests.of(pod, List.of(defaults));
    // the container's own limit wins over the LimitRange's defaultRequest
    assertThat(amounts.requests().get("cpu")).isEqualByComparingTo("0.7");
    assertThat(amounts.limits().get("cpu")).isEqualByComparingTo("1.5");
  }

  @Test
  void overheadIsAdded() {
    PodSpec pod =
        new PodSpecBuilder()
            .withContainers(container("a", "100m", null))
            .addToOverhead("cpu", new Quantity("250m"))
            .build();
    assertThat(cpu(pod)).isEqualByComparingTo("0.35");
  }

  @Test
  void amountsReadAsPeopleWriteThem() {
    assertThat(ResourceAmounts.format("cpu", new BigDecimal("0.15"))).isEqualTo("150m");
    assertThat(ResourceAmounts.format("cpu", new BigDecimal("2560"))).isEqualTo("2560");
    assertThat(ResourceAmounts.format("requests.memory", BigDecimal.valueOf(64L << 20)))
        .isEqualTo("64Mi");
    assertThat(ResourceAmounts.format("memory", BigDecimal.valueOf(3L << 39))).isEqualTo("1.5Ti");
  }
}
