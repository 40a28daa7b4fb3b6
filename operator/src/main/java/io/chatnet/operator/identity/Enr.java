package io.chatnet.operator.identity;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

/**
 * Ethereum Node Records (EIP-778), identity scheme "v4": key/value pairs sorted by key, signed with
 * the node's secp256k1 key over keccak256(rlp([seq, k, v, ...])), written as {@code enr:} plus
 * unpadded URL-safe base64 of rlp([signature, seq, k, v, ...]).
 *
 * <p>Signatures are deterministic (RFC 6979 nonces) and use the low-s form, as the reference
 * implementations do, so a record is reproducible byte for byte.
 */
public final class Enr {
  /** EIP-778 caps a record at 300 bytes. */
  public static final int MAX_RECORD_BYTES = 300;

  private final NodeKey key;
  private final long seq;
  private final SortedMap<String, byte[]> pairs = new TreeMap<>();

  private Enr(NodeKey key, long seq) {
    this.key = key;
    this.seq = seq;
    pairs.put("id", "v4".getBytes(StandardCharsets.US_ASCII));
    pairs.put("secp256k1", key.compressedPublicKey());
  }

  public static Enr builder(NodeKey key, long seq) {
    return new Enr(key, seq);
  }

  public Enr ip4(byte[] address) {
    if (address.length != 4) {
      throw new IllegalArgumentException("ip is a 4-byte IPv4 address");
    }
    return put("ip", address.clone());
  }

  public Enr tcp(int port) {
    return put("tcp", Rlp.uint(port));
  }

  public Enr udp(int port) {
    return put("udp", Rlp.uint(port));
  }

  /** Any other pair; the value is stored as given (already in its wire form). */
  public Enr put(String name, byte[] value) {
    pairs.put(name, value);
    return this;
  }

  /** The binary record: rlp([signature, seq, k, v, ...]). */
  public byte[] toBytes() {
    List<Object> content = content();
    byte[] signature = sign(keccak256(Rlp.encode(content)));
    List<Object> record = new ArrayList<>(content.size() + 1);
    record.add(signature);
    record.addAll(content);
    byte[] encoded = Rlp.encode(record);
    if (encoded.length > MAX_RECORD_BYTES) {
      throw new IllegalStateException(
          "ENR of " + encoded.length + " bytes exceeds " + MAX_RECORD_BYTES);
    }
    return encoded;
  }

  /** The text form, {@code enr:...}. */
  public String toText() {
    return "enr:" + Base64.getUrlEncoder().withoutPadding().encodeToString(toBytes());
  }

  @Override
  public String toString() {
    return toText();
  }

  private List<Object> content() {
    List<Object> content = new ArrayList<>();
    content.add(Rlp.uint(seq));
    for (Map.Entry<String, byte[]> pair : pairs.entrySet()) {
      content.add(pair.getKey().getBytes(StandardCharsets.US_ASCII));
      content.add(pair.getValue());
    }
    return content;
  }

  private byte[] sign(byte[] hash) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, new ECPrivateKeyParameters(key.privateScalar(), NodeKey.CURVE));
    BigInteger[] rs = signer.generateSignature(hash);
    BigInteger r = rs[0];
    BigInteger s = rs[1];
    BigInteger n = NodeKey.CURVE.getN();
    if (s.compareTo(n.shiftRight(1)) > 0) {
      s = n.subtract(s);
    }
    byte[] out = new byte[64];
    System.arraycopy(NodeKey.fixed32(r), 0, out, 0, 32);
    System.arraycopy(NodeKey.fixed32(s), 0, out, 32, 32);
    return out;
  }

  static byte[] keccak256(byte[] input) {
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(input, 0, input.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }
}
