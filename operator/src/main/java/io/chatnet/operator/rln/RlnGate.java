package io.chatnet.operator.rln;

import io.chatnet.operator.api.ChatNetworkSpec;
import java.util.List;
import java.util.Optional;

/**
 * Whether the operator builds an RLN network, and if not why: a spec whose node versions, contract
 * and clients do not work together ({@link RlnCompatibility}). A network is refused rather than
 * started with an RLN that cannot work, which would measure something else.
 */
public final class RlnGate {
  public static final String INCOMPATIBLE = "RlnIncompatible";

  /** Why the network is not built: a condition reason and a message naming the spec field. */
  public record Refusal(String reason, String message) {}

  private RlnGate() {}

  public static Optional<Refusal> check(ChatNetworkSpec spec) {
    if (spec.getRln() == null || !spec.getRln().isEnabled()) {
      return Optional.empty();
    }
    List<String> problems = RlnCompatibility.problems(spec);
    if (!problems.isEmpty()) {
      return Optional.of(new Refusal(INCOMPATIBLE, String.join("; ", problems)));
    }
    return Optional.empty();
  }
}
