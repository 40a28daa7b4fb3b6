package io.chatnet.loadgen.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DisplayNameTest {
  @Test
  void aValidPodNameIsKeptAsItIs() {
    assertThat(DisplayName.of("chat-desktop-12")).isEqualTo("chat-desktop-12");
  }

  @Test
  void longShortAndOddPodNamesBecomeValidNames() {
    for (String pod :
        List.of(
            "c0",
            "a",
            "experiment-with-a-very-long-network-name-status-desktop-9999",
            "x".repeat(63),
            "my.pod.eth",
            "node-eth",
            "UPPER_case-ok")) {
      String name = DisplayName.of(pod);
      assertThat(DisplayName.valid(name)).as("%s -> %s", pod, name).isTrue();
      assertThat(name).matches("^[\\w-\\s]{5,24}$").doesNotEndWith("-eth");
      assertThat(DisplayName.of(pod)).as("deterministic").isEqualTo(name);
    }
  }

  @Test
  void longPodNamesThatDifferOnlyInTheirPrefixOrOrdinalStayDistinct() {
    Set<String> names = new HashSet<>();
    for (String network : List.of("alpha-network-with-long-name", "bravo-network-with-long-name")) {
      for (int i = 0; i < 2000; i++) {
        names.add(DisplayName.of(network + "-status-mobile-" + i));
      }
    }
    assertThat(names).hasSize(4000);
  }

  @Test
  void theValidityRuleIsStatusGos() {
    assertThat(DisplayName.valid("abcd")).isFalse(); // shorter than 5
    assertThat(DisplayName.valid("a".repeat(25))).isFalse(); // longer than 24
    assertThat(DisplayName.valid("with.dot")).isFalse();
    assertThat(DisplayName.valid("ends_eth")).isFalse();
    assertThat(DisplayName.valid("spaces are fine")).isTrue();
  }
}
