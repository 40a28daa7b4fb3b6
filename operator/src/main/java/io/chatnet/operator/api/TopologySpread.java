package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import lombok.Data;

/**
 * One topology spread constraint over a group's own pods (the operator fills in the label
 * selector): how evenly they spread over the values of a node label.
 */
@Data
public class TopologySpread {
  public static final String HOSTNAME = "kubernetes.io/hostname";

  /** What the scheduler does when the skew cannot be kept. */
  public enum WhenUnsatisfiable {
    @JsonProperty("ScheduleAnyway")
    SCHEDULE_ANYWAY("ScheduleAnyway"),
    @JsonProperty("DoNotSchedule")
    DO_NOT_SCHEDULE("DoNotSchedule");

    private final String wire;

    WhenUnsatisfiable(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }

  @JsonPropertyDescription(
      "Node label whose values are the domains to spread over. Default kubernetes.io/hostname"
          + " (one domain per node); topology.kubernetes.io/zone spreads over zones.")
  @Size(min = 1, max = 316)
  @Pattern(
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")
  private String topologyKey;

  @JsonPropertyDescription(
      "Largest allowed difference of the group's pod count between domains. Default 1.")
  @Min(1)
  @Max(100000)
  private Integer maxSkew;

  @JsonPropertyDescription(
      "ScheduleAnyway (default: a preference, so a cluster with fewer nodes than the skew wants"
          + " still runs every pod) or DoNotSchedule (a hard rule: pods stay Pending instead).")
  private WhenUnsatisfiable whenUnsatisfiable;
}
