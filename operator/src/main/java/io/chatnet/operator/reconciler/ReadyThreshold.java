package io.chatnet.operator.reconciler;

import io.chatnet.operator.api.GroupRole;
import io.chatnet.operator.api.NodeGroup;
import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * How many ready pods a group needs. Bootstrap and service nodes are few and every one of them is
 * an entry point or the only server of a protocol, so all of them by default; relay and client
 * groups are many and interchangeable, so 98% by default: one stuck pod of 900 must not hold back a
 * run. Percentages round up, so the count never claims more than is ready (98% of 50 is 49; of 10
 * is 10, since 9 would be 90%).
 */
public final class ReadyThreshold {
  /** Default share of relay, desktop and mobile pods, in percent. */
  public static final int DEFAULT_PERCENT = 98;

  private ReadyThreshold() {}

  /** The group's threshold in pods, between 0 and its replicas. */
  public static int pods(NodeGroup group) {
    int replicas = group.getReplicas();
    IntOrString threshold = group.getReadyThreshold();
    if (threshold == null) {
      return defaultPercent(group.getRole()) == 100
          ? replicas
          : ofPercent(replicas, defaultPercent(group.getRole()));
    }
    if (threshold.getIntVal() != null) {
      return Math.max(0, Math.min(replicas, threshold.getIntVal()));
    }
    String text = threshold.getStrVal().trim();
    if (!text.endsWith("%")) {
      // Admission refuses this; a count written as a string is read as the count it says.
      return Math.max(0, Math.min(replicas, Integer.parseInt(text)));
    }
    int percent = Integer.parseInt(text.substring(0, text.length() - 1).trim());
    return ofPercent(replicas, Math.max(0, Math.min(100, percent)));
  }

  /** The default share for a role, in percent. */
  public static int defaultPercent(GroupRole role) {
    return role == GroupRole.BOOTSTRAP || role == GroupRole.SERVICE ? 100 : DEFAULT_PERCENT;
  }

  /** The smallest pod count that is at least percent of replicas. */
  static int ofPercent(int replicas, int percent) {
    return (int) (((long) replicas * percent + 99) / 100);
  }
}
