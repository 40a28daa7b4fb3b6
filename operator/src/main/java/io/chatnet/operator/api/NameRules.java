package io.chatnet.operator.api;

/**
 * Admission limits on the names chatnet builds child objects from, and why each limit is what it
 * is. The API server checks a custom resource's name only as a DNS subdomain (253 characters, dots
 * allowed, may start with a digit); the children need more:
 *
 * <ul>
 *   <li>ChatNetwork {@code <network>-<group>} names a StatefulSet and its headless Service. A
 *       Service name is an RFC 1035 label: it starts with a letter and has no dots. The StatefulSet
 *       controller labels each pod {@code controller-revision-hash=<statefulset>-<hash>}, the hash
 *       being up to 10 digits, and a label value has at most 63 characters, so the StatefulSet name
 *       has at most 52. 30 + 1 + 20 = 51 keeps it there, and pod names {@code
 *       <network>-<group>-<ordinal>} (ordinal below 100000) at most 57.
 *   <li>ChatExperiment {@code <experiment>-loadgen} names an indexed Job; the Job validation
 *       requires {@code <job>-<last index>} to be a DNS label (the pods' host names), so with up to
 *       256 shards (index 255) an experiment name has at most 63 - 12 = 51 characters and no dots.
 * </ul>
 */
public final class NameRules {
  private NameRules() {}

  /** Longest ChatNetwork name (see the class comment). */
  public static final int NETWORK_NAME_MAX = 30;

  /** Longest group name (see the class comment). */
  public static final int GROUP_NAME_MAX = 20;

  /**
   * Longest ChatExperiment name: {@code <experiment>-loadgen-255} is at most 63 characters; tied to
   * the maximum of {@code LoadGeneratorSpec.replicas} (256).
   */
  public static final int EXPERIMENT_NAME_MAX = 51;

  /**
   * Longest ChatSweep name: its networks are {@code <sweep>-n<k>} with k up to the 100 points a
   * sweep may have, within {@link #NETWORK_NAME_MAX}.
   */
  public static final int SWEEP_NAME_MAX = 25;

  /** An RFC 1035 label: what a Service name must be. Network and group names follow it. */
  public static final String RFC1035_LABEL = "^[a-z]([-a-z0-9]*[a-z0-9])?$";

  /** An RFC 1123 label: what a pod's host name must be. Experiment names follow it. */
  public static final String RFC1123_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  /** What a ChatNetwork name may be, for messages. */
  public static final String NETWORK_NAME_SHAPE =
      "at most 30 characters, lowercase letters, digits and hyphens, starting with a letter and ending"
          + " with a letter or digit (no dots)";
}
