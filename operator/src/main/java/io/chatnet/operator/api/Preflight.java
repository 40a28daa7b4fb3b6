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
          + " level), capacityModel (the predictions of spec.preflight.capacityModel).")
  private List<PreflightCheck> skipChecks = new ArrayList<>();

  @JsonPropertyDescription(
      "A fitted capacity model to check the network against: its laws (the numbers `kubectl"
          + " chatnet plan` prints) predict per pod CPU and memory for the network's clients at"
          + " the given rate; a prediction over a group's memory limit refuses the network (the"
          + " pods would be OOM-killed), one over a request is noted, and the capacity check counts"
          + " the predicted usage where it exceeds the requests. Skip with skipChecks:"
          + " [capacityModel].")
  private CapacityModelRef capacityModel;

  public void setSkipChecks(List<PreflightCheck> skipChecks) {
    this.skipChecks = skipChecks == null ? new ArrayList<>() : skipChecks;
  }

  /** Whether this check runs. */
  public boolean runs(PreflightCheck check) {
    return !skip && !skipChecks.contains(check);
  }
}
