package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/** Whether the operator checks capacity, quota and Pod Security before it creates or adds pods. */
@Data
public class Preflight {
  @JsonPropertyDescription(
      "Skip every preflight check. Before it creates groups or adds pods, the operator sums the"
          + " added pods' requests and compares them with the free allocatable capacity of the"
          + " nodes they may be scheduled on and with the namespace's ResourceQuotas, and checks"
          + " the pod templates against the namespace's Pod Security level; a network that fails"
          + " stays Pending with condition Preflight=False and creates nothing. Set true when you"
          + " know better (e.g. a cluster autoscaler will add nodes).")
  @Default("false")
  private boolean skip;

  @JsonPropertyDescription(
      "Skip only these checks: capacity (nodes' free allocatable resources), quota"
          + " (ResourceQuotas), podSecurity (the namespace's pod-security.kubernetes.io/enforce"
          + " level).")
  private List<PreflightCheck> skipChecks = new ArrayList<>();

  public void setSkipChecks(List<PreflightCheck> skipChecks) {
    this.skipChecks = skipChecks == null ? new ArrayList<>() : skipChecks;
  }

  /** Whether this check runs. */
  public boolean runs(PreflightCheck check) {
    return !skip && !skipChecks.contains(check);
  }
}
