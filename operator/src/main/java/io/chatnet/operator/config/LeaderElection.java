package io.chatnet.operator.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Hands the Quarkus Operator SDK its leader election settings: it looks up a {@link
 * LeaderElectionConfiguration} bean at start (in the profiles of {@code
 * quarkus.operator-sdk.activate-leader-election-for-profiles}, prod by default) and runs without
 * election when the bean is null.
 */
@Singleton
public class LeaderElection {

  @Produces
  @Dependent
  @Unremovable
  LeaderElectionConfiguration configuration(LeaderElectionSettings settings) {
    return of(settings);
  }

  /** The configuration for these settings, or null when election is off. */
  static LeaderElectionConfiguration of(LeaderElectionSettings settings) {
    if (!settings.enabled()) {
      return null;
    }
    if (settings.leaseDuration().compareTo(settings.renewDeadline()) <= 0
        || settings.renewDeadline().compareTo(settings.retryPeriod()) <= 0) {
      throw new IllegalArgumentException(
          "chatnet.leader-election needs lease-duration > renew-deadline > retry-period, got "
              + settings.leaseDuration()
              + ", "
              + settings.renewDeadline()
              + ", "
              + settings.retryPeriod());
    }
    LeaderElectionConfigurationBuilder builder =
        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(settings.leaseName())
            .withLeaseDuration(settings.leaseDuration())
            .withRenewDeadline(settings.renewDeadline())
            .withRetryPeriod(settings.retryPeriod());
    settings.leaseNamespace().ifPresent(builder::withLeaseNamespace);
    settings.identity().ifPresent(builder::withIdentity);
    // A leader that lost the Lease must exit (the kubelet restarts it as a standby): the SDK keeps
    // reconciling otherwise, beside the new leader. JOSDK 5.3.2's build() passes
    // exitOnStopLeading=false (LeaderElectionConfigurationBuilder.build delegates to
    // buildForTest(false); fixed upstream by java-operator-sdk#3619), so true is passed here.
    return builder.buildForTest(true);
  }
}
