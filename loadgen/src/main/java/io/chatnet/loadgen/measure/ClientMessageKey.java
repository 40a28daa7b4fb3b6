package io.chatnet.loadgen.measure;

/**
 * A client's message id as a map key, exactly but compactly. status-go's ids are {@code 0x} and 64
 * lowercase hex digits, a Keccak-256 hash (protocol/v1/message.go MessageID, encoded by
 * eth-node/types/json.go EncodeHex; status-im/status-go c72f491): as a String that is 112 bytes of
 * heap, as its 32 bytes in four longs 32 bytes and an object header. The tracker keeps one per
 * message for its retention window (240,000 at 2,000 msg/s), so this is about 15 MB of the load
 * generator's heap. Any other id is kept as the String itself: equal keys stay exactly equal ids.
 */
final class ClientMessageKey {
  private ClientMessageKey() {}

  /** The 32 bytes of a {@code 0x}-hex Keccak-256 id. */
  record Hash256(long a, long b, long c, long d) {}

  /** {@code id} as a key: a {@link Hash256} for a status-go id, else {@code id} itself. */
  static Object of(String id) {
    if (id.length() != 66 || id.charAt(0) != '0' || id.charAt(1) != 'x') {
      return id;
    }
    long[] words = new long[4];
    for (int i = 0; i < 64; i++) {
      char c = id.charAt(2 + i);
      int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (digit < 0) {
        return id; // not the lowercase form EncodeHex writes: kept as it is
      }
      words[i / 16] = (words[i / 16] << 4) | digit;
    }
    return new Hash256(words[0], words[1], words[2], words[3]);
  }
}
