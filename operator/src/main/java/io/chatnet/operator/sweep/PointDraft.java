package io.chatnet.operator.sweep;

import io.chatnet.operator.api.ChatNetworkSpec;
import io.chatnet.operator.api.SweepTrafficKind;

/**
 * One point while its axes are applied: the settings the counts are derived from, and the network
 * spec (a copy of the base) for axes that change it directly, such as a future feature switch.
 */
final class PointDraft {
  int users;
  double messagesPerMinute;
  SweepTrafficKind traffic;
  Integer groupSize;
  Double lightClientShare;
  final ChatNetworkSpec network;

  PointDraft(ChatNetworkSpec network) {
    this.network = network;
  }
}
