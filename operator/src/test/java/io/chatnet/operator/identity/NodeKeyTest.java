package io.chatnet.operator.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeKeyTest {
  @Test
  void derivationIsReproducible() {
    assertThat(NodeKey.derive("s1", "relay", 7).privateKeyHex())
        .isEqualTo(NodeKey.derive("s1", "relay", 7).privateKeyHex())
        .hasSize(64)
        .matches("[0-9a-f]{64}");
  }

  @Test
  void seedGroupAndOrdinalEachChangeTheKey() {
    Set<String> keys = new HashSet<>();
    keys.add(NodeKey.derive("s1", "relay", 7).privateKeyHex());
    keys.add(NodeKey.derive("s2", "relay", 7).privateKeyHex());
    keys.add(NodeKey.derive("s1", "boot", 7).privateKeyHex());
    keys.add(NodeKey.derive("s1", "relay", 8).privateKeyHex());
    assertThat(keys).hasSize(4);
  }

  @Test
  void peerIdsAreLibp2pSecp256k1Ids() {
    for (int i = 0; i < 50; i++) {
      String id = PeerId.of(NodeKey.derive("seed", "relay", i));
      // The ninth character depends on the key (HAj..HAm): only the common prefix is fixed.
      assertThat(id).startsWith("16Uiu2HA").hasSize(53);
    }
  }

  @Test
  void peerIdsOfPublishedNwakuNodeKeys() {
    // Pairs of --nodekey and peer id from a public local Waku development setup.
    assertThat(
            PeerId.of(
                NodeKey.fromHex(
                    "e419c3cf4f09ac3babdf61856e6faa0e0c6a7d97674d5401a0114616549c7632")))
        .isEqualTo("16Uiu2HAmF6oAsd23RMAnZb3NJgxXrExxBTPMdEoih232iAZkviU2");
    assertThat(
            PeerId.of(
                NodeKey.fromHex(
                    "50632ab0efd313bfb4aa842de716f03dacd181c863770abd145e3409290fdaa7")))
        .isEqualTo("16Uiu2HAm5aZU47YkiUoARqivbCXwuFPzFFXXiURAorySqAQbL6EQ");
  }

  @Test
  void toStringNeverShowsTheKey() {
    NodeKey key = NodeKey.derive("seed", "relay", 0);
    assertThat(key.toString()).doesNotContain(key.privateKeyHex()).startsWith("NodeKey[16Uiu2");
  }
}
