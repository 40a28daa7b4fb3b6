package io.chatnet.operator.security;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.identity.EthAccount;
import io.chatnet.operator.identity.NodeKey;
import io.chatnet.operator.network.RlnKeystorePassword;
import io.chatnet.operator.rln.RlnArgs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Every form in which a network's key material exists or could be written: each nwaku node's
 * private key as nwaku's --nodekey takes it (hex, also upper case and with 0x), as the key Secret
 * stores it (base64 of the hex text, NodeKeySecrets), as raw bytes in base64 and base64url, and
 * libp2p's protobuf encoding of a secp256k1 private key (KeyType 2, go-libp2p core/crypto/pb
 * crypto.proto: field 1 type, field 2 data), in hex and base64; and the network's seed, from which
 * every key derives (NodeKey.derive), so the seed is as secret as the keys.
 */
public final class KeyMaterial {
  private KeyMaterial() {}

  public static List<SecretForm> of(ChatNetwork network) {
    String seed = network.getSpec().getSeed();
    List<SecretForm> forms = new ArrayList<>();
    forms.add(new SecretForm("spec.seed", "seed", seed));
    for (NodeGroup group : network.getSpec().getGroups()) {
      if (group.getKind() != GroupKind.NWAKU) {
        continue; // status-backend clients get no key from chatnet
      }
      for (int ordinal = 0; ordinal < group.getReplicas(); ordinal++) {
        forms.addAll(
            forms(
                group.getName() + "/" + ordinal,
                NodeKey.derive(seed, group.getName(), ordinal).privateKeyHex()));
      }
    }
    forms.addAll(rln(network));
    return forms;
  }

  /**
   * On an RLN network: each publishing node's account key (as the keystore tool takes it, 0x and 64
   * hex digits, and as its Secret stores that text) in every spelling of a key, and the keystore
   * password, plain and as its Secret stores it.
   */
  static List<SecretForm> rln(ChatNetwork network) {
    List<SecretForm> forms = new ArrayList<>();
    String seed = network.getSpec().getSeed();
    Base64.Encoder b64 = Base64.getEncoder();
    for (NodeGroup group : network.getSpec().getGroups()) {
      if (!RlnArgs.publishes(network.getSpec().getRln(), group)) {
        continue;
      }
      for (int ordinal = 0; ordinal < group.getReplicas(); ordinal++) {
        String owner = group.getName() + "/" + ordinal + " RLN account";
        String key = EthAccount.derive(seed, group.getName(), ordinal).privateKeyHex();
        forms.addAll(forms(owner, key.substring(2)));
        forms.add(
            new SecretForm(
                owner,
                "base64 of the hex text (Secret data, with 0x)",
                b64.encodeToString(key.getBytes(StandardCharsets.US_ASCII))));
      }
    }
    if (!forms.isEmpty()) {
      String password = RlnKeystorePassword.derive(seed);
      forms.add(new SecretForm("RLN keystore password", "text", password));
      forms.add(
          new SecretForm(
              "RLN keystore password",
              "base64 of the hex text (Secret data)",
              b64.encodeToString(password.getBytes(StandardCharsets.US_ASCII))));
    }
    return forms;
  }

  /** The spellings of one private key given as 64 hex digits. */
  public static List<SecretForm> forms(String owner, String hex) {
    byte[] raw = HexFormat.of().parseHex(hex);
    byte[] libp2p = new byte[4 + raw.length];
    libp2p[0] = 0x08; // field 1 (Type), varint
    libp2p[1] = 0x02; // Secp256k1
    libp2p[2] = 0x12; // field 2 (Data), bytes
    libp2p[3] = (byte) raw.length;
    System.arraycopy(raw, 0, libp2p, 4, raw.length);
    Base64.Encoder b64 = Base64.getEncoder();
    return List.of(
        new SecretForm(owner, "hex", hex),
        new SecretForm(owner, "upper-case hex", hex.toUpperCase(Locale.ROOT)),
        new SecretForm(owner, "hex with 0x", "0x" + hex),
        new SecretForm(
            owner,
            "base64 of the hex text (Secret data)",
            b64.encodeToString(hex.getBytes(StandardCharsets.US_ASCII))),
        new SecretForm(owner, "base64 of the raw key", b64.encodeToString(raw)),
        new SecretForm(
            owner,
            "base64url of the raw key",
            Base64.getUrlEncoder().withoutPadding().encodeToString(raw)),
        new SecretForm(owner, "libp2p-encoded key, hex", HexFormat.of().formatHex(libp2p)),
        new SecretForm(owner, "libp2p-encoded key, base64", b64.encodeToString(libp2p)));
  }
}
