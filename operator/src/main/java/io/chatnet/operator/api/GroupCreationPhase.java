package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import lombok.Data;

/**
 * Private group creation as a measured operation (DST's create_private_group): groups made in setup
 * like traffic.privateGroups, timed from the create call to the last member seeing the group, with
 * no messages sent in them (the plan's privateGroups at rate 0).
 */
@Data
public class GroupCreationPhase {
  @JsonPropertyDescription("Groups created (one creator each).")
  @Required
  @Min(1)
  @Max(10000)
  private int groups;

  @JsonPropertyDescription("Members per group, the creator included.")
  @Required
  @Min(2)
  @Max(256)
  private int membersPerGroup;
}
