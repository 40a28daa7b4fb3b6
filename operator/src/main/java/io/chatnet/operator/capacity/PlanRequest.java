package io.chatnet.operator.capacity;

/**
 * What a plan is asked for. Load: {@code users} each offering {@code ratePerUser} messages per
 * second, or {@code networkRate} messages per second network-wide (relay publishes, as the
 * published baseline states it); exactly one of the two rates is set. {@code groupSize} for private
 * groups. {@code relayNodes} null: from the model's shape, or one per user. Machine size: {@code
 * nodeCpuCores}, {@code nodeMemoryBytes}, {@code maxPodsPerNode} (the kubelet's default is 110) and
 * optionally {@code nodeBandwidth} (bytes per second each way). {@code level}: the bands' coverage,
 * e.g. 0.95.
 */
public record PlanRequest(
    long users,
    Double ratePerUser,
    Double networkRate,
    Traffic traffic,
    Integer groupSize,
    double messageBytes,
    Integer relayNodes,
    double nodeCpuCores,
    double nodeMemoryBytes,
    int maxPodsPerNode,
    Double nodeBandwidth,
    double level) {

  /** Messages offered per second, network-wide. */
  public double messagesPerSecond() {
    return networkRate != null ? networkRate : users * ratePerUser;
  }

  /**
   * Envelopes on the wire per second: a private group message goes out once per other member
   * (status-go c72f4913, protocol/messenger.go dispatchMessage filters the sender out and
   * protocol/common/message_sender.go SendGroup sends to each recipient); relay publishes and 1:1
   * messages once.
   */
  public double envelopesPerSecond() {
    if (networkRate == null && traffic == Traffic.PRIVATE_GROUPS) {
      return messagesPerSecond() * (groupSize - 1);
    }
    return messagesPerSecond();
  }
}
