package io.chatnet.operator.capacity;

/**
 * The published figures a plan falls back on when no fitted model is given, each with where it
 * comes from. Gossipsub hands every message of a shard to every relay node (several times, from
 * each mesh peer, plus gossip), so per-node relay bandwidth follows the network-wide message rate
 * on the wire and the message size, not the node count: the published 1000-node figure (about 10
 * KB/s in and out per node at 1 msg/s of 1 KB) gives a factor of 10 bytes per byte published.
 */
public final class Baseline {
  public static final String SOURCE =
      "published 1000-node baseline (shared/docs/REFERENCE.md, nwaku section: 1000 relay nodes,"
          + " 1 KB messages, 1 msg/s network-wide: about 10 KB/s in and out per node)";

  /** Bytes a relay node receives (and sends) per byte published network-wide: 10 KB/s / 1 KB/s. */
  public static final double RELAY_BYTES_PER_PUBLISHED_BYTE = 10;

  /**
   * Relay pod requests DST used for its published runs (REFERENCE.md: "Relay pods requested
   * 64Mi/150m CPU with limits 600Mi/400m"), which are also chatnet's nwaku defaults
   * (network/GroupStatefulSet): the scheduler places pods by these.
   */
  public static final double RELAY_CPU_CORES = 0.150;

  public static final double RELAY_MEMORY_BYTES = 64 * 1024 * 1024;
  public static final String RELAY_RESOURCES_SOURCE =
      "DST's relay pod requests 150m / 64Mi (REFERENCE.md), chatnet's nwaku default";

  /**
   * No published per-client figure exists: chatnet's status-backend default requests
   * (network/GroupStatefulSet), what the scheduler reserves per client.
   */
  public static final double CLIENT_CPU_CORES = 0.100;

  public static final double CLIENT_MEMORY_BYTES = 256 * 1024 * 1024;
  public static final String CLIENT_RESOURCES_SOURCE =
      "chatnet's status-backend default requests 100m / 256Mi (not measured, none published)";

  private Baseline() {}

  /** Per relay node, in or out, at {@code envelopesPerSecond} of {@code bytes} network-wide. */
  public static double relayBandwidth(double envelopesPerSecond, double bytes) {
    return RELAY_BYTES_PER_PUBLISHED_BYTE * envelopesPerSecond * bytes;
  }
}
