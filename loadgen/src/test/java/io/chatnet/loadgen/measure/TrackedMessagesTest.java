package io.chatnet.loadgen.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The tracker's arrays against a plain map: every lookup, by id and by client id, answers what the
 * map answers through growth, removals in the middle (the indexes' backward shifts) and
 * wrap-around.
 */
class TrackedMessagesTest {
  @Test
  void idsPackExactlyIntoTwoLongs() {
    for (String id : new String[] {"0-1", "r12-345678", "9999-1234567890", "abcdefghijklmnop"}) {
      assertThat(TrackedMessages.packable(id)).as(id).isTrue();
      assertThat(TrackedMessages.unpack(TrackedMessages.hi(id), TrackedMessages.lo(id)))
          .isEqualTo(id);
    }
    assertThat(TrackedMessages.hi("ab")).isNotEqualTo(TrackedMessages.hi("ab\u0001"));
    for (String id : new String[] {"", "abcdefghijklmnopq", "é-1", "a\u0000b"}) {
      assertThat(TrackedMessages.packable(id)).as(id).isFalse();
    }
  }

  @Test
  void lookupsAgreeWithAMapThroughGrowthRemovalsAndWrapAround() {
    TrackedMessages table = new TrackedMessages();
    Map<String, Long> model = new HashMap<>(); // id -> sent micros
    Map<ClientMessageKey.Hash256, String> clients = new HashMap<>();
    ArrayDeque<String> order = new ArrayDeque<>();
    SplittableRandom random = new SplittableRandom(42);
    long next = 0;
    for (int step = 0; step < 150_000; step++) {
      int op = random.nextInt(100);
      // the live count drifts between a few and about 20,000: the ring grows, then wraps for long
      int target = step < 75_000 ? 20_000 : 3_000;
      if (op < 55 && model.size() < target) {
        String id = (next % 7) + "-" + next;
        long handle = table.add(id, next, (int) (next % 3), (int) (next % 5), next % 2 == 0);
        model.put(id, next);
        order.add(id);
        if (random.nextInt(3) > 0) {
          ClientMessageKey.Hash256 key = ClientMessageKey.of("0x" + "%064x".formatted(next * 31));
          table.clientKey(handle, key);
          clients.put(key, id);
        }
        next++;
      } else if (op < 75 && !order.isEmpty()) {
        // forget the oldest, as the retention horizon does
        String id = order.poll();
        if (model.remove(id) != null) {
          table.remove(table.find(id));
          clients.values().remove(id);
        }
        while (table.first() < table.end() && !table.isLive(table.first())) {
          table.passOldest();
        }
      } else if (op < 90 && !model.isEmpty()) {
        // forget one in the middle, as a failed send does
        String id = (random.nextLong(next) % 7) + "-" + random.nextLong(next);
        long handle = table.find(id);
        assertThat(handle != TrackedMessages.NONE).as(id).isEqualTo(model.containsKey(id));
        if (handle != TrackedMessages.NONE) {
          table.remove(handle);
          model.remove(id);
          clients.values().remove(id);
        }
      } else {
        long n = random.nextLong(next + 10);
        String id = (n % 7) + "-" + n;
        long handle = table.find(id);
        assertThat(handle != TrackedMessages.NONE).as(id).isEqualTo(model.containsKey(id));
        if (handle != TrackedMessages.NONE) {
          assertThat(table.id(handle)).isEqualTo(id);
          assertThat(table.sentMicros(handle)).isEqualTo(model.get(id));
          assertThat(table.kind(handle)).isEqualTo((int) (n % 3));
          assertThat(table.route(handle)).isEqualTo((int) (n % 5));
          assertThat(table.measured(handle)).isEqualTo(n % 2 == 0);
        }
        ClientMessageKey.Hash256 key = ClientMessageKey.of("0x" + "%064x".formatted(n * 31));
        long byClient = table.findByClient(key);
        assertThat(byClient == TrackedMessages.NONE ? null : table.id(byClient))
            .isEqualTo(clients.get(key));
      }
      assertThat(table.size()).isEqualTo(model.size());
    }
    assertThat(table.withClientKey()).isEqualTo(clients.size());
    assertThat(table.capacity()).isLessThanOrEqualTo(65_536);
    for (String id : model.keySet()) {
      assertThat(table.id(table.find(id))).isEqualTo(id);
    }
  }

  @Test
  void receiptBitsAndRefusalStayWithTheirMessageWhenTheRingGrows() {
    TrackedMessages table = new TrackedMessages();
    long first = table.add("0-0", 5, 1, 2, true);
    assertThat(table.firstReceipt(first, 3)).isTrue();
    assertThat(table.firstReceipt(first, 3)).isFalse();
    assertThat(table.firstReceipt(first, 63)).isTrue();
    table.refuse(first);
    for (int i = 1; i < 5_000; i++) {
      table.add("0-" + i, 5 + i, 0, 0, false);
    }
    long again = table.find("0-0");
    assertThat(again).isEqualTo(first);
    assertThat(table.got(again)).isEqualTo((1L << 3) | (1L << 63));
    assertThat(table.refused(again)).isTrue();
    assertThat(table.refused(table.find("0-1"))).isFalse();
    assertThat(table.got(table.find("0-4999"))).isZero();
  }
}
