package io.chatnet.operator.identity;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;

/**
 * Recursive Length Prefix encoding (Ethereum yellow paper, appendix B), the serialisation of ENR
 * records. Only encoding is needed: the operator writes records, it never parses them.
 *
 * <p>An item is a {@code byte[]} (a string) or a {@code List<?>} of items.
 */
public final class Rlp {
  private Rlp() {}

  public static byte[] encode(Object item) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, item);
    return out.toByteArray();
  }

  /** The minimal big-endian bytes of a non-negative integer (zero is the empty string). */
  public static byte[] uint(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("RLP integers are non-negative: " + value);
    }
    byte[] raw = BigInteger.valueOf(value).toByteArray();
    int skip = 0;
    while (skip < raw.length && raw[skip] == 0) {
      skip++;
    }
    byte[] out = new byte[raw.length - skip];
    System.arraycopy(raw, skip, out, 0, out.length);
    return out;
  }

  private static void write(ByteArrayOutputStream out, Object item) {
    if (item instanceof byte[] bytes) {
      if (bytes.length == 1 && (bytes[0] & 0xff) < 0x80) {
        out.write(bytes[0]);
      } else {
        header(out, 0x80, bytes.length);
        out.writeBytes(bytes);
      }
    } else if (item instanceof List<?> list) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      for (Object element : list) {
        write(body, element);
      }
      header(out, 0xc0, body.size());
      out.writeBytes(body.toByteArray());
    } else {
      throw new IllegalArgumentException("RLP encodes byte[] and List, not " + item);
    }
  }

  private static void header(ByteArrayOutputStream out, int offset, int length) {
    if (length < 56) {
      out.write(offset + length);
    } else {
      byte[] len = uint(length);
      out.write(offset + 55 + len.length);
      out.writeBytes(len);
    }
  }
}
