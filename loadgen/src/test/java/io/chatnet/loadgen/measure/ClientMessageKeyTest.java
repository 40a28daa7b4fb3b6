package io.chatnet.loadgen.measure;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatnet.loadgen.traffic.MessageText;
import io.chatnet.loadgen.traffic.TrafficKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compact keys for client message ids stay exact: equal keys only for equal ids. */
class ClientMessageKeyTest {
  static final String ID = "0x" + "0123456789abcdef".repeat(4);

  @Test
  void aStatusGoIdIsItsBytesAndEveryDigitCounts() {
    assertThat(ClientMessageKey.of(ID)).isInstanceOf(ClientMessageKey.Hash256.class);
    assertThat(ClientMessageKey.of(ID)).isEqualTo(ClientMessageKey.of(new String(ID)));
    assertThat(ClientMessageKey.of(ID))
        .isEqualTo(
            new ClientMessageKey.Hash256(
                0x0123456789abcdefL,
                0x0123456789abcdefL,
                0x0123456789abcdefL,
                0x0123456789abcdefL));
    for (int i = 2; i < ID.length(); i++) {
      char other = ID.charAt(i) == 'f' ? '0' : 'f';
      String changed = ID.substring(0, i) + other + ID.substring(i + 1);
      assertThat(ClientMessageKey.of(changed)).as(changed).isNotEqualTo(ClientMessageKey.of(ID));
    }
  }

  @Test
  void anyOtherIdIsKeyedByItsDigestAndNeverMeetsAStatusGoId() {
    String upper = "0x" + "0123456789ABCDEF".repeat(4);
    String arabicDigit = ID.substring(0, 65) + '\u0663'; // Character.digit would read it as 3
    List<String> others =
        List.of(upper, arabicDigit, ID.substring(0, 65), "c1", "c2", "1x" + ID.substring(2));
    for (String id : others) {
      assertThat(ClientMessageKey.of(id)).as(id).isEqualTo(ClientMessageKey.of(new String(id)));
      assertThat(ClientMessageKey.of(id)).as(id).isNotEqualTo(ClientMessageKey.of(ID));
    }
    assertThat(others.stream().map(ClientMessageKey::of).distinct()).hasSize(others.size());
    // SHA-256 of "c1", the digest's first eight bytes (sha256sum)
    assertThat(ClientMessageKey.of("c1").a()).isEqualTo(0xd0f631ca1ddba8dbL);
  }

  @Test
  void theTrackerMatchesAnAckOnlyToItsOwnId() {
    DeliveryTracker tracker = new DeliveryTracker(new LoadMetrics(), 0, Long.MAX_VALUE);
    MessageText message = new MessageText("0-1", 1);
    tracker.sent(TrafficKind.ONE_TO_ONE, "desktop", message, List.of("b"));
    tracker.clientMessageId(ID, message.id());
    tracker.acked(ID.substring(0, 65) + 'e');
    tracker.acked("0x" + "0123456789ABCDEF".repeat(4));
    assertThat(tracker.figures().get(TrafficKind.ONE_TO_ONE).acked()).isZero();
    tracker.acked(new String(ID));
    assertThat(tracker.figures().get(TrafficKind.ONE_TO_ONE).acked()).isEqualTo(1);
  }
}
