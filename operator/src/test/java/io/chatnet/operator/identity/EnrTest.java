package io.chatnet.operator.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnrTest {
  // The example record of EIP-778 ("Test Vectors"), made from its example private key.
  static final String EIP778_KEY =
      "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291";
  static final String EIP778_RECORD =
      "enr:-IS4QHCYrYZbAKWCBRlAy5zzaDZXJBGkcnh4MHcBFZntXNFrdvJjX04jRzjzCBOonrkTfj499SZuOh8R33Ls8RRcy5wBgmlkgnY0gmlwhH8AAAGJc2VjcDI1NmsxoQPKY0yuDUmstAHYpMa2_oxVtw0RW_QAdpzBQA8yWM0xOIN1ZHCCdl8";

  @Test
  void reproducesTheEip778ExampleRecord() {
    NodeKey key = NodeKey.fromHex(EIP778_KEY);
    String record = Enr.builder(key, 1).ip4(new byte[] {127, 0, 0, 1}).udp(30303).toText();
    assertThat(record).isEqualTo(EIP778_RECORD);
  }

  @Test
  void theExampleKeyHasTheCompressedPublicKeyOfTheSpecification() {
    assertThat(HexFormat.of().formatHex(NodeKey.fromHex(EIP778_KEY).compressedPublicKey()))
        .isEqualTo("03ca634cae0d49acb401d8a4c6b6fe8c55b70d115bf400769cc1400f3258cd3138");
  }

  @Test
  void wakuFieldsFollowNwakusLayout() {
    assertThat(WakuEnr.capabilities(EnumSet.of(WakuEnr.Capability.RELAY))).containsExactly(0b0001);
    assertThat(
            WakuEnr.capabilities(
                EnumSet.of(
                    WakuEnr.Capability.RELAY,
                    WakuEnr.Capability.STORE,
                    WakuEnr.Capability.FILTER,
                    WakuEnr.Capability.LIGHTPUSH)))
        .containsExactly(0b1111);
    // cluster 16, shards 32 and 64
    assertThat(HexFormat.of().formatHex(WakuEnr.relayShards(16, List.of(32, 64))))
        .isEqualTo("0010" + "02" + "0020" + "0040");
  }

  @Test
  void aWakuRecordStaysWithinTheSizeLimit() {
    NodeKey key = NodeKey.derive("seed", "boot", 0);
    byte[] record =
        Enr.builder(key, 1)
            .ip4(new byte[] {10, (byte) 128, 3, 7})
            .tcp(60000)
            .udp(9000)
            .put("rs", WakuEnr.relayShards(16, List.of(32, 64)))
            .put("waku2", WakuEnr.capabilities(EnumSet.of(WakuEnr.Capability.RELAY)))
            .toBytes();
    assertThat(record.length).isLessThanOrEqualTo(Enr.MAX_RECORD_BYTES);
  }

  @Test
  void refusesAnAddressThatIsNotIpv4() {
    NodeKey key = NodeKey.fromHex(EIP778_KEY);
    assertThatThrownBy(() -> Enr.builder(key, 1).ip4(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
