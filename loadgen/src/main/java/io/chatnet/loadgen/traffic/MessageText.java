package io.chatnet.loadgen.traffic;

import java.util.Optional;

/**
 * The text of a load message: {@code chatnet|<id>|<send time, epoch microseconds>|<padding>}. The
 * receiver computes latency from the send time it carries, as DST's harness did.
 */
public record MessageText(String id, long sentMicros) {
  static final String PREFIX = "chatnet|";

  /** The text, padded with 'x' to {@code payloadBytes} (never shorter than its header). */
  public String encode(int payloadBytes) {
    // sized once for the whole text: no copies as it grows to the padding (one per message sent)
    StringBuilder text =
        new StringBuilder(Math.max(payloadBytes, PREFIX.length() + id.length() + 22))
            .append(PREFIX)
            .append(id)
            .append('|')
            .append(sentMicros)
            .append('|');
    while (text.length() < payloadBytes) {
      text.append('x');
    }
    return text.toString();
  }

  public static Optional<MessageText> decode(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int idEnd = text.indexOf('|', PREFIX.length());
    int timeEnd = idEnd < 0 ? -1 : text.indexOf('|', idEnd + 1);
    if (timeEnd < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new MessageText(
              text.substring(PREFIX.length(), idEnd),
              Long.parseLong(text.substring(idEnd + 1, timeEnd))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
