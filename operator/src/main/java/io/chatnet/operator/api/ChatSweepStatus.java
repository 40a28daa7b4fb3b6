package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/** Where the sweep is: the points run so far, the current one, the report. */
@Data
public class ChatSweepStatus {
  @JsonPropertyDescription("Pending, Running, Succeeded or Failed.")
  private SweepPhase phase;

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("How many points the axes make.")
  private Integer pointsTotal;

  @JsonPropertyDescription("Points recorded (Succeeded or Failed).")
  private Integer pointsDone;

  @JsonPropertyDescription("Recorded points whose experiment Failed (the sweep goes on).")
  private Integer pointsFailed;

  @JsonPropertyDescription("Points done over points total, e.g. 2/6.")
  private String progress;

  @JsonPropertyDescription("The number of the point running or being prepared; unset when done.")
  private Integer currentPoint;

  @JsonPropertyDescription("The points started so far, in order.")
  private List<SweepPointStatus> points = new ArrayList<>();

  @JsonPropertyDescription(
      "The ConfigMap with the sweep's report: model.json (the capacity model) and points.json.")
  private String reportConfigMap;

  @JsonPropertyDescription("Conditions: SpecValid, NetworkReady, PointsSucceeded, ReportStored.")
  private List<Condition> conditions = new ArrayList<>();
}
