package io.chatnet.operator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Leader election among operator replicas (a coordination.k8s.io Lease). Off by default so that
 * {@code make run} against any cluster needs no Lease namespace; the Helm chart turns it on.
 */
@ConfigMapping(prefix = "chatnet.leader-election")
public interface LeaderElectionSettings {
  /** Whether replicas elect a leader; only the leader reconciles. */
  @WithDefault("false")
  boolean enabled();

  /** Name of the Lease the replicas compete for. */
  @WithDefault("chatnet-operator")
  String leaseName();

  /**
   * Namespace of the Lease; the chart sets the operator's own. Without it, the client's namespace
   * (in a pod, the service account's) is used.
   */
  Optional<String> leaseNamespace();

  /** This replica's name in the Lease; without it, HOSTNAME (the pod name). */
  Optional<String> identity();

  /** How long a Lease holds without renewal: the longest a dead leader blocks its successor. */
  @WithDefault("15s")
  Duration leaseDuration();

  /** How long the leader keeps trying to renew before it gives up leading (and exits). */
  @WithDefault("10s")
  Duration renewDeadline();

  /** How often candidates try to acquire, and the leader to renew. */
  @WithDefault("2s")
  Duration retryPeriod();
}
