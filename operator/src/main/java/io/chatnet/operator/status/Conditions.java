package io.chatnet.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one condition rule both reconcilers and the preflight follow: a condition's
 * lastTransitionTime is kept while its status holds and moves to now when the status changes (or
 * the condition is new); reason and message may change without moving it.
 */
public final class Conditions {
  private Conditions() {}

  public static String status(boolean value) {
    return value ? "True" : "False";
  }

  /** The condition of this type in a list (null-tolerant), the first if several. */
  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** When the condition {@code type} last took {@code status}: kept from before, else now. */
  public static String since(List<Condition> previous, String type, String status, Instant now) {
    if (previous != null) {
      for (Condition old : previous) {
        if (type.equals(old.getType()) && status.equals(old.getStatus())) {
          return old.getLastTransitionTime();
        }
      }
    }
    return now.toString();
  }

  /** A condition following the rule, against the {@code previous} conditions. */
  public static Condition of(
      List<Condition> previous,
      String type,
      boolean value,
      String reason,
      String message,
      Instant now) {
    String status = status(value);
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(since(previous, type, status, now))
        .build();
  }

  /**
   * Sets condition {@code type} in a mutable list: left untouched when status, reason and message
   * are unchanged, otherwise replaced (at the end) following the rule.
   */
  public static void upsert(
      List<Condition> conditions,
      String type,
      boolean value,
      String reason,
      String message,
      Instant now) {
    Condition existing = find(conditions, type).orElse(null);
    if (existing != null
        && status(value).equals(existing.getStatus())
        && reason.equals(existing.getReason())
        && message.equals(existing.getMessage())) {
      return;
    }
    Condition next = of(conditions, type, value, reason, message, now);
    conditions.removeIf(c -> type.equals(c.getType()));
    conditions.add(next);
  }
}
