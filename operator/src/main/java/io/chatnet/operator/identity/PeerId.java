package io.chatnet.operator.identity;

import java.io.ByteArrayOutputStream;

/**
 * The libp2p peer id of a secp256k1 key: the identity multihash of the protobuf-encoded public key
 * ({@code PublicKey{Type: Secp256k1, Data: compressed key}}), in base58btc. Such ids start with
 * {@code 16Uiu2HAm}.
 */
public final class PeerId {
  // libp2p crypto.proto: field 1 (KeyType, varint) = 2 (Secp256k1); field 2 (bytes) = the key.
  private static final int FIELD_TYPE = 0x08;
  private static final int KEY_TYPE_SECP256K1 = 2;
  private static final int FIELD_DATA = 0x12;
  // multihash code 0x00 = identity: the "hash" is the bytes themselves (keys of 42 bytes or fewer).
  private static final int MULTIHASH_IDENTITY = 0x00;

  private PeerId() {}

  public static String of(NodeKey key) {
    byte[] compressed = key.compressedPublicKey();
    ByteArrayOutputStream protobuf = new ByteArrayOutputStream();
    protobuf.write(FIELD_TYPE);
    protobuf.write(KEY_TYPE_SECP256K1);
    protobuf.write(FIELD_DATA);
    protobuf.write(compressed.length);
    protobuf.writeBytes(compressed);
    byte[] encodedKey = protobuf.toByteArray();

    ByteArrayOutputStream multihash = new ByteArrayOutputStream();
    multihash.write(MULTIHASH_IDENTITY);
    multihash.write(encodedKey.length);
    multihash.writeBytes(encodedKey);
    return Base58.encode(multihash.toByteArray());
  }
}
