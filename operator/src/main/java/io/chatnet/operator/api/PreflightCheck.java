package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One check the operator makes before it creates or adds pods (spec.preflight.skipChecks). */
public enum PreflightCheck {
  /** Requests of the added pods against free allocatable capacity of schedulable nodes. */
  @JsonProperty("capacity")
  CAPACITY,
  /** Requests, limits and object counts against the namespace's ResourceQuotas. */
  @JsonProperty("quota")
  QUOTA,
  /** The built pod templates against the namespace's Pod Security admission level. */
  @JsonProperty("podSecurity")
  POD_SECURITY,
  /** Per pod CPU and memory predicted by spec.preflight.capacityModel against requests/limits. */
  @JsonProperty("capacityModel")
  CAPACITY_MODEL
}
