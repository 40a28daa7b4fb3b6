package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/** Funding and registration of one publishing group's memberships. */
@Data
public class RlnGroupStatus {
  @JsonPropertyDescription("Group name.")
  private String name;

  @JsonPropertyDescription(
      "Ordinals 0..funded-1 hold gas, the deposit in TST and the allowance for the contract"
          + " (recorded when their funding Job completed; a scale-up funds only ordinals past it).")
  private int funded;

  @JsonPropertyDescription(
      "Pods whose keystore init container (rln-keystore) terminated with exit code 0: their"
          + " membership is registered and in their keystore.")
  private int registered;
}
