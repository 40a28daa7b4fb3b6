package io.chatnet.loadgen.measure;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A client's message id as four longs, for the tracker's arrays (TrackedMessages). status-go's ids
 * are {@code 0x} and 64 lowercase hex digits, a Keccak-256 hash (protocol/v1/message.go MessageID,
 * encoded by eth-node/types/json.go EncodeHex; status-im/status-go c72f491): the key is its 32
 * bytes, exactly. Any other id (another form, upper case) is keyed by the SHA-256 digest of its
 * UTF-8 bytes: equal ids give equal keys, and different ids share one only by a SHA-256 collision.
 */
final class ClientMessageKey {
  private ClientMessageKey() {}

  /** 32 bytes as four big-endian longs. */
  record Hash256(long a, long b, long c, long d) {}

  /** {@code id} as a key: its bytes for a status-go id, else the SHA-256 digest of it. */
  static Hash256 of(String id) {
    if (id.length() != 66 || id.charAt(0) != '0' || id.charAt(1) != 'x') {
      return digest(id);
    }
    long[] words = new long[4];
    for (int i = 0; i < 64; i++) {
      char c = id.charAt(2 + i);
      int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (digit < 0) {
        return digest(id); // not the lowercase form EncodeHex writes
      }
      words[i / 16] = (words[i / 16] << 4) | digit;
    }
    return new Hash256(words[0], words[1], words[2], words[3]);
  }

  private static Hash256 digest(String id) {
    try {
      ByteBuffer d =
          ByteBuffer.wrap(
              MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
      return new Hash256(d.getLong(), d.getLong(), d.getLong(), d.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
