package io.chatnet.operator.rln;

import io.chatnet.operator.api.ChatNetworkSpec;
import java.util.List;
import java.util.Optional;

/**
 * Whether the operator builds an RLN network, and if not why: a spec whose node versions, contract
 * and clients do not work together ({@link RlnCompatibility}), or RLN at all while the bring-up
 * (chain, contract Jobs, funding, registration) is not part of this operator. A network is refused
 * rather than started without the RLN it asks for, which would measure something else.
 */
public final class RlnGate {
  public static final String INCOMPATIBLE = "RlnIncompatible";
  public static final String BRING_UP_NOT_BUILT = "RlnBringUpNotBuilt";

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
    return Optional.of(
        new Refusal(
            BRING_UP_NOT_BUILT,
            "spec.rln.enabled: this operator checks RLN networks but does not yet deploy the"
                + " chain, the contract Jobs, funding and membership registration (docs/rln.md);"
                + " the network is not built rather than run without RLN"));
  }
}
