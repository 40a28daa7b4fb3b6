package io.chatnet.operator.identity;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An Ethereum account (secp256k1 key and its address) that pays an RLN membership's gas and
 * deposit. Derived from the network seed as node keys are, under its own label, so the same spec
 * always funds and registers the same accounts and an account key is never a node key.
 */
public final class EthAccount {
  private final NodeKey key;
  private final String address;

  private EthAccount(NodeKey key) {
    this.key = key;
    this.address = addressOf(key);
  }

  /** The account of node {@code ordinal} of {@code group}. */
  public static EthAccount derive(String seed, String group, int ordinal) {
    return new EthAccount(NodeKey.derive(seed, "rln-account", group, ordinal));
  }

  /** An account from a known private key (hex, with or without 0x). */
  public static EthAccount fromPrivateKeyHex(String hex) {
    return new EthAccount(NodeKey.fromHex(hex.startsWith("0x") ? hex.substring(2) : hex));
  }

  /** The address with its EIP-55 checksum capitalisation, 0x-prefixed. */
  public String address() {
    return address;
  }

  /** The private key as 0x and 64 hex digits, as cast and nwaku's keystore tool take it. */
  public String privateKeyHex() {
    return "0x" + key.privateKeyHex();
  }

  /** keccak256 of the 64-byte public key (x, y); the last 20 bytes (Ethereum yellow paper). */
  static String addressOf(NodeKey key) {
    byte[] uncompressed = key.uncompressedPublicKey();
    byte[] hash = Enr.keccak256(Arrays.copyOfRange(uncompressed, 1, uncompressed.length));
    return checksummed(HexFormat.of().formatHex(Arrays.copyOfRange(hash, 12, 32)));
  }

  /**
   * EIP-55: a hex letter is upper case where the keccak of the lower-case address has nibble >= 8.
   */
  static String checksummed(String lowerHex) {
    byte[] hash = Enr.keccak256(lowerHex.getBytes(StandardCharsets.US_ASCII));
    StringBuilder out = new StringBuilder("0x");
    for (int i = 0; i < lowerHex.length(); i++) {
      char c = lowerHex.charAt(i);
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      out.append(nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  /** Never print key material. */
  @Override
  public String toString() {
    return "EthAccount[" + address + "]";
  }
}
