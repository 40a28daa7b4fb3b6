package io.chatnet.operator.identity;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A node's secp256k1 key pair, the identity behind its libp2p peer id and its ENR.
 *
 * <p>Keys are derived, never random: {@link #derive} maps (seed, group, ordinal) to a key with
 * HMAC-SHA256, so the same ChatNetwork spec always yields the same peer ids and records.
 */
public final class NodeKey {
  static final X9ECParameters CURVE_PARAMS = SECNamedCurves.getByName("secp256k1");
  static final ECDomainParameters CURVE =
      new ECDomainParameters(
          CURVE_PARAMS.getCurve(), CURVE_PARAMS.getG(), CURVE_PARAMS.getN(), CURVE_PARAMS.getH());

  private final BigInteger privateKey;
  // Computed on first use: an elliptic-curve multiplication costs about a millisecond, and writing
  // key Secrets for 10,000 nodes needs only the private halves.
  private ECPoint publicKey;

  private NodeKey(BigInteger privateKey) {
    if (privateKey.signum() <= 0 || privateKey.compareTo(CURVE.getN()) >= 0) {
      throw new IllegalArgumentException("not a valid secp256k1 private key");
    }
    this.privateKey = privateKey;
  }

  public static NodeKey fromHex(String hex) {
    return new NodeKey(new BigInteger(1, HexFormat.of().parseHex(hex)));
  }

  /**
   * The key of node {@code ordinal} in {@code group}: HMAC-SHA256 keyed by the seed over a label
   * naming the node, retried with a counter in the (astronomically unlikely) case the digest is not
   * a valid scalar.
   */
  public static NodeKey derive(String seed, String group, int ordinal) {
    return derive(seed, "nodekey", group, ordinal);
  }

  /**
   * A key for {@code purpose} (e.g. "nodekey", "rln-account"): each purpose its own label, so keys
   * of different purposes never coincide.
   */
  static NodeKey derive(String seed, String purpose, String group, int ordinal) {
    HMac mac = new HMac(new SHA256Digest());
    mac.init(new KeyParameter(seed.getBytes(StandardCharsets.UTF_8)));
    for (int counter = 0; ; counter++) {
      byte[] label =
          ("chatnet/" + purpose + "/v1/" + group + "/" + ordinal + "/" + counter)
              .getBytes(StandardCharsets.UTF_8);
      mac.update(label, 0, label.length);
      byte[] digest = new byte[32];
      mac.doFinal(digest, 0);
      BigInteger candidate = new BigInteger(1, digest);
      if (candidate.signum() > 0 && candidate.compareTo(CURVE.getN()) < 0) {
        return new NodeKey(candidate);
      }
    }
  }

  /** The 32-byte private key, as nwaku's {@code --nodekey} takes it (hex). */
  public String privateKeyHex() {
    return HexFormat.of().formatHex(fixed32(privateKey));
  }

  BigInteger privateScalar() {
    return privateKey;
  }

  /** The 33-byte compressed public key. */
  public synchronized byte[] compressedPublicKey() {
    if (publicKey == null) {
      publicKey = CURVE.getG().multiply(privateKey).normalize();
    }
    return publicKey.getEncoded(true);
  }

  /** The 65-byte uncompressed public key (0x04, x, y). */
  synchronized byte[] uncompressedPublicKey() {
    compressedPublicKey();
    return publicKey.getEncoded(false);
  }

  static byte[] fixed32(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }

  /** Never print key material. */
  @Override
  public String toString() {
    return "NodeKey[" + PeerId.of(this) + "]";
  }
}
