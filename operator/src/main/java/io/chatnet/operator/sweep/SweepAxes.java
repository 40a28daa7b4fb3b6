package io.chatnet.operator.sweep;

import io.chatnet.operator.api.SweepAxis;
import io.chatnet.operator.api.SweepAxisName;
import io.chatnet.operator.api.SweepTrafficKind;
import java.util.List;

/**
 * What each axis value does to a point: one case per {@link SweepAxisName} (the switch is
 * exhaustive, so a new axis name does not compile until it says how it changes a point).
 */
final class SweepAxes {
  private SweepAxes() {}

  /** How many values the axis takes. */
  static int size(SweepAxis axis) {
    List<?> values = axis.getName() == SweepAxisName.TRAFFIC ? axis.getKinds() : axis.getValues();
    return values == null ? 0 : values.size();
  }

  /** Value {@code i} of the axis as shown in status (whole numbers without a decimal point). */
  static String show(SweepAxis axis, int i) {
    if (axis.getName() == SweepAxisName.TRAFFIC) {
      return axis.getKinds().get(i) == SweepTrafficKind.ONE_TO_ONE ? "oneToOne" : "privateGroups";
    }
    double v = axis.getValues().get(i);
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
  }

  /** Applies value {@code i} of the axis to the point. */
  static void apply(SweepAxis axis, int i, PointDraft point) {
    switch (axis.getName()) {
      case USERS -> point.users = (int) Math.round(axis.getValues().get(i));
      case MESSAGES_PER_MINUTE -> point.messagesPerMinute = axis.getValues().get(i);
      case TRAFFIC -> point.traffic = axis.getKinds().get(i);
      case GROUP_SIZE -> point.groupSize = (int) Math.round(axis.getValues().get(i));
      case LIGHT_CLIENT_SHARE -> point.lightClientShare = axis.getValues().get(i);
      // the network's own limit: a different value is a different shape (memberships are
      // registered at one limit), so SweepPlanner starts a new network for it
      case RLN_USER_MESSAGE_LIMIT -> {
        if (point.network.getRln() != null) {
          point.network.getRln().setUserMessageLimit((int) Math.round(axis.getValues().get(i)));
        }
      }
    }
  }

  /** The axis name as written in the spec. */
  static String wireName(SweepAxisName name) {
    return switch (name) {
      case USERS -> "users";
      case MESSAGES_PER_MINUTE -> "messagesPerMinute";
      case TRAFFIC -> "traffic";
      case GROUP_SIZE -> "groupSize";
      case LIGHT_CLIENT_SHARE -> "lightClientShare";
      case RLN_USER_MESSAGE_LIMIT -> "rlnUserMessageLimit";
    };
  }
}
