package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/** A reference to a ChatNetwork in the experiment's namespace. */
// A reference that no ChatNetwork could ever have would wait forever for its network.
@ValidationRule(
    value =
        "self.name.size() <= "
            + NameRules.NETWORK_NAME_MAX
            + " && self.name.matches('"
            + NameRules.RFC1035_LABEL
            + "')",
    message = "name must be a name a ChatNetwork can have: " + NameRules.NETWORK_NAME_SHAPE,
    messageExpression =
        "'name: no ChatNetwork can be called ' + self.name + ': a ChatNetwork name has "
            + NameRules.NETWORK_NAME_SHAPE
            + "'",
    fieldPath = ".name")
@Data
public class NetworkRef {
  @JsonPropertyDescription(
      "Name of the ChatNetwork: " + NameRules.NETWORK_NAME_SHAPE + ", as a ChatNetwork name.")
  @Required
  @Size(min = 1, max = 63)
  private String name;
}
