package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kubernetes' image pull policy, for every container of a group. */
public enum ImagePullPolicy {
  @JsonProperty("Always")
  ALWAYS("Always"),
  @JsonProperty("IfNotPresent")
  IF_NOT_PRESENT("IfNotPresent"),
  @JsonProperty("Never")
  NEVER("Never");

  private final String wire;

  ImagePullPolicy(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
