package io.chatnet.operator.security;

/**
 * One spelling of one secret: {@code owner} names whose it is (e.g. "relay/3"), {@code form} how it
 * is spelled (e.g. "hex with 0x"), {@code text} the spelling itself. Only owner and form are ever
 * printed.
 */
public record SecretForm(String owner, String form, String text) {
  @Override
  public String toString() {
    return owner + " (" + form + ")";
  }
}
