package io.chatnet.operator.identity;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The ENR fields nwaku adds to a record (nwaku waku_enr/capabilities.nim and sharding.nim): the
 * {@code waku2} capability bits and the {@code rs} relay-shard list.
 */
public final class WakuEnr {
  /** Capability bits of the waku2 field, least significant first. */
  public enum Capability {
    RELAY,
    STORE,
    FILTER,
    LIGHTPUSH
  }

  private WakuEnr() {}

  /** The one-byte waku2 field. */
  public static byte[] capabilities(Iterable<Capability> capabilities) {
    int bits = 0;
    for (Capability capability : capabilities) {
      bits |= 1 << capability.ordinal();
    }
    return new byte[] {(byte) bits};
  }

  /**
   * The rs field: cluster id (2 bytes big-endian), the number of shards (1 byte), then each shard
   * (2 bytes big-endian).
   */
  public static byte[] relayShards(int clusterId, List<Integer> shards) {
    if (shards.size() > 64) {
      throw new IllegalArgumentException("rs holds at most 64 shards; use the rsv bit vector");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeUint16(out, clusterId);
    out.write(shards.size());
    shards.forEach(shard -> writeUint16(out, shard));
    return out.toByteArray();
  }

  private static void writeUint16(ByteArrayOutputStream out, int value) {
    if (value < 0 || value > 0xffff) {
      throw new IllegalArgumentException("not a 16-bit value: " + value);
    }
    out.write(value >>> 8);
    out.write(value & 0xff);
  }
}
