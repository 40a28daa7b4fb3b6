package io.chatnet.operator.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of the RLP specification (Ethereum wiki / yellow paper appendix B). */
class RlpTest {
  static String hex(Object item) {
    return HexFormat.of().formatHex(Rlp.encode(item));
  }

  static byte[] s(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void specificationExamples() {
    assertThat(hex(s("dog"))).isEqualTo("83646f67");
    assertThat(hex(List.of(s("cat"), s("dog")))).isEqualTo("c88363617483646f67");
    assertThat(hex(new byte[0])).isEqualTo("80");
    assertThat(hex(List.of())).isEqualTo("c0");
    assertThat(hex(Rlp.uint(0))).isEqualTo("80");
    assertThat(hex(new byte[] {0})).isEqualTo("00");
    assertThat(hex(Rlp.uint(15))).isEqualTo("0f");
    assertThat(hex(Rlp.uint(1024))).isEqualTo("820400");
    // the set-theoretical representation of three: [ [], [[]], [ [], [[]] ] ]
    assertThat(hex(List.of(List.of(), List.of(List.of()), List.of(List.of(), List.of(List.of())))))
        .isEqualTo("c7c0c1c0c3c0c1c0");
  }

  @Test
  void longStringsUseALengthOfLength() {
    String lorem = "Lorem ipsum dolor sit amet, consectetur adipisicing elit";
    assertThat(hex(s(lorem))).startsWith("b838").hasSize(2 * (2 + 56));
  }
}
