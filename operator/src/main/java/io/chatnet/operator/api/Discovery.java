package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/** Peer discovery among the nwaku nodes. */
@ValidationRule(
    value = "self.mode == 'static' ? has(self.degree) : !has(self.degree)",
    message = "degree is required with mode static and only allowed with it",
    fieldPath = ".degree")
@Data
public class Discovery {
  @JsonPropertyDescription(
      "discv5: nodes discover each other with discv5, seeded with the bootstrap group's ENRs"
          + " (needs a bootstrap group). static: a random regular graph of the given degree,"
          + " derived from the seed, is dialled with --staticnode.")
  @Default("discv5")
  private DiscoveryMode mode = DiscoveryMode.DISCV5;

  @JsonPropertyDescription(
      "Static mode only: how many neighbours each nwaku node has in the random regular graph.")
  @Min(1)
  @Max(64)
  private Integer degree;
}
