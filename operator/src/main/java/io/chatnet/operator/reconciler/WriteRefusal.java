package io.chatnet.operator.reconciler;

/**
 * One write the API server refused (or the operator refused to make, for a name collision): the
 * object, the spec field it came from, and the API server's message, never the object's data.
 *
 * @param refusalClass what the refusal means for the owner
 * @param kind the refused object's kind
 * @param name the refused object's name
 * @param code the HTTP status (0 when no response came, 409 for a collision found by the operator)
 * @param field the owner's spec field the object came from, e.g. {@code spec.groups[2].resources
 *     (relay)}
 * @param message why, from the API server (or the collision's owner)
 */
public record WriteRefusal(
    RefusalClass refusalClass, String kind, String name, int code, String field, String message) {

  /** One line for a condition or event: {@code StatefulSet lab-a-boot (spec.groups[0]): ...}. */
  public String describe() {
    return kind + " " + name + " (" + field + "): " + message;
  }
}
