package io.chatnet.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeaderElectionTest {
  record Settings(
      boolean enabled,
      String leaseName,
      Optional<String> leaseNamespace,
      Optional<String> identity,
      Duration leaseDuration,
      Duration renewDeadline,
      Duration retryPeriod)
      implements LeaderElectionSettings {}

  static Settings settings(boolean enabled, int lease, int renew, int retry) {
    return new Settings(
        enabled,
        "chatnet",
        Optional.of("chatnet-system"),
        Optional.empty(),
        Duration.ofSeconds(lease),
        Duration.ofSeconds(renew),
        Duration.ofSeconds(retry));
  }

  @Test
  void offMeansNoConfigurationSoTheSdkRunsWithoutElection() {
    assertThat(LeaderElection.of(settings(false, 15, 10, 2))).isNull();
  }

  @Test
  void onHandsTheLeaseSettingsToTheSdk() {
    LeaderElectionConfiguration config = LeaderElection.of(settings(true, 15, 10, 2));
    assertThat(config.getLeaseName()).isEqualTo("chatnet");
    assertThat(config.getLeaseNamespace()).contains("chatnet-system");
    assertThat(config.getIdentity()).isEmpty(); // the SDK then uses HOSTNAME, the pod name
    assertThat(config.getLeaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.getRenewDeadline()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.getRetryPeriod()).isEqualTo(Duration.ofSeconds(2));
  }

  /**
   * A leader that stops leading must end its process: with the SDK builder's default (false in
   * JOSDK 5.3.2) the former leader went on reconciling beside the new one after an API server
   * outage (LeaderApiServerFaultCampaignIT; bench/reliability.md, control plane finding 10).
   */
  @Test
  void aLeaderThatLosesTheLeaseExits() {
    assertThat(LeaderElection.of(settings(true, 15, 10, 2)).isExitOnStopLeading()).isTrue();
  }

  @Test
  void durationsOutOfOrderAreRefusedAtStartWithTheValues() {
    assertThatThrownBy(() -> LeaderElection.of(settings(true, 10, 10, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lease-duration > renew-deadline > retry-period")
        .hasMessageContaining("PT10S, PT10S, PT2S");
    assertThatThrownBy(() -> LeaderElection.of(settings(true, 15, 2, 3)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
