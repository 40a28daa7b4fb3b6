package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/** Passed, or Failed with the criteria that were missed. */
@Data
public class Verdict {
  @JsonPropertyDescription(
      "Passed, Failed, Incomplete (criteria met by the shards that reported, but shards failed) or NoCriteria.")
  private String result;

  @JsonPropertyDescription("One line per criterion checked, with the figure and the threshold.")
  private List<String> reasons = new ArrayList<>();
}
