package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A reference to a ChatNetwork in the experiment's namespace. */
public class NetworkRef {
  @JsonPropertyDescription("Name of the ChatNetwork.")
  @Required
  @Size(min = 1, max = 63)
  private String name;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
