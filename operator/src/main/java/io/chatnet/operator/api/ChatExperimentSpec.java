package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/** What to run on a network: load, behaviours, faults, the window and the pass/fail criteria. */
@ValidationRule(
    value =
        "has(self.traffic.oneToOne) || has(self.traffic.privateGroups) || has(self.traffic.relay)"
            + " || has(self.contactRequests) || has(self.groupCreation)",
    message =
        "traffic needs at least one of oneToOne, privateGroups, relay (or the experiment needs"
            + " contactRequests or groupCreation)",
    fieldPath = ".traffic")
@ValidationRule(
    value = "!has(self.groupCreation) || !has(self.traffic.privateGroups)",
    message =
        "groupCreation and traffic.privateGroups cannot both be set: every group of"
            + " traffic.privateGroups has its creation timed already",
    fieldPath = ".groupCreation")
// Faults are applied in list order, each waiting for its time: one listed after a later one
// would be delayed until that one's time.
@ValidationRule(
    value = "!has(self.faults) || self.faults.map(f, f.atSeconds).isSorted()",
    message =
        "faults must be listed in order of atSeconds: they are applied in list order, so a fault"
            + " listed after a later one would wait for it",
    fieldPath = ".faults")
@ValidationRule(
    value =
        "!has(self.faults) || self.faults.all(f, f.atSeconds < self.warmupSeconds +"
            + " self.durationSeconds)",
    message =
        "every fault's atSeconds must fall before the end of the window (warmupSeconds +"
            + " durationSeconds after the traffic starts), or it would never be applied",
    fieldPath = ".faults")
@ValidationRule(
    value = "self == oldSelf",
    message = "an experiment's spec cannot change once created; create a new experiment")
@Data
public class ChatExperimentSpec {
  @JsonPropertyDescription("The ChatNetwork (same namespace) to run on.")
  @Required
  private NetworkRef networkRef;

  @JsonPropertyDescription("Length of the measured window, in seconds (after the warm-up).")
  @Required
  @Min(10)
  @Max(86400)
  private int durationSeconds;

  @JsonPropertyDescription(
      "Seconds of load before the measured window; messages sent then are not counted.")
  @Min(0)
  @Max(3600)
  @Default("30")
  private int warmupSeconds = 30;

  @JsonPropertyDescription(
      "Seconds between creating the load generator Jobs and the common start instant: time for"
          + " every shard to log in its clients and make contacts and groups.")
  @Min(5)
  @Max(3600)
  @Default("60")
  private int setupSeconds = 60;

  @JsonPropertyDescription(
      "Seconds the experiment waits for its network to exist and be Ready (counted from when it"
          + " started waiting) before it fails with reason NetworkNotReady or NetworkNotFound. Time"
          + " queued behind another experiment on a Ready network does not count.")
  @Min(10)
  @Max(86400)
  @Default("1800")
  private int networkWaitSeconds = 1800;

  @JsonPropertyDescription(
      "Scrape interval, in seconds, of the load generator's PodMonitor; a shard keeps serving its"
          + " metrics after the window until a scrape after the window's end has happened, at"
          + " most 3 intervals.")
  @Min(1)
  @Max(300)
  @Default("15")
  private int scrapeIntervalSeconds = 15;

  @JsonPropertyDescription("The chat and relay load.")
  @Required
  private ExperimentTraffic traffic;

  @JsonPropertyDescription(
      "Mobile behaviours (offline spells, background) applied to mobile clients.")
  private ExperimentBehaviours behaviours;

  @JsonPropertyDescription(
      "Contact requests as a measured phase right after the start instant, before the idle phase"
          + " and the traffic: success rates and round trips per client kind in"
          + " status.results.operations.")
  private ContactRequestPhase contactRequests;

  @JsonPropertyDescription(
      "Private groups created and timed (create call to the last member seeing the group) with no"
          + " messages sent in them; the groups of traffic.privateGroups are timed the same way.")
  private GroupCreationPhase groupCreation;

  @JsonPropertyDescription(
      "An idle phase before the traffic (its baseline CPU, memory and bandwidth per client kind)"
          + " and a share of chat members that never send.")
  private IdlePhase idle;

  @JsonPropertyDescription(
      "Realistic usage: per-sender activity and message sizes from seeded distributions, and"
          + " which side of a one-to-one pair sends.")
  private UsageModel usage;

  @JsonPropertyDescription("Faults injected during the window.")
  @Size(max = 16)
  private List<ExperimentFault> faults = new ArrayList<>();

  @JsonPropertyDescription("The load generator Jobs.")
  @Default("{}")
  private LoadGeneratorSpec loadGenerator = new LoadGeneratorSpec();

  @JsonPropertyDescription("Pass/fail criteria for the verdict.")
  private ExperimentCriteria criteria;

  @JsonPropertyDescription(
      "Seed for arrivals, pairings and schedules; defaults to one derived one-way from the"
          + " network's seed (the same network seed gives the same traffic; the network's seed,"
          + " from which node keys derive, never reaches the plan).")
  @Size(max = 128)
  private String seed;

  @JsonPropertyDescription(
      "The Prometheus the results analyzer queries after the window (see also the operator's"
          + " chatnet.prometheus.url).")
  private PrometheusSource prometheus;
}
