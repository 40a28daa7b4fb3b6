package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/** What the operator observed: phase, per-group readiness, bootstrap ENRs and conditions. */
@Data
public class ChatNetworkStatus {
  @JsonPropertyDescription("Pending, Provisioning, Ready, Degraded or Failed.")
  private NetworkPhase phase;

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Ready pods over desired pods across all groups, e.g. 998/1000.")
  private String ready;

  @JsonPropertyDescription("Ready pods across all groups.")
  private Integer readyReplicas;

  @JsonPropertyDescription("Desired pods across all groups.")
  private Integer replicas;

  @JsonPropertyDescription("Per-group desired and ready pods, in start order.")
  private List<GroupStatus> groups = new ArrayList<>();

  @JsonPropertyDescription(
      "ENRs of the bootstrap nodes (public records, computed by the operator from each node's"
          + " key and pod IP).")
  private List<String> bootstrapEnrs = new ArrayList<>();

  @JsonPropertyDescription(
      "When the network last became Ready for its current generation (RFC 3339).")
  private String readyTime;

  @JsonPropertyDescription(
      "Conditions: Ready (all groups ready), Progressing (a stage is still starting),"
          + " SpecValid (the spec passed the operator's checks), and WritesAccepted (present once"
          + " the API server refused a write: the refused objects, their spec fields and the API"
          + " server's message; reasons WriteRefused and NameCollision make the phase Failed,"
          + " QuotaExceeded, Forbidden and WriteFailing are retried).")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription(
      "RLN bring-up (spec.rln.enabled): chain and contract addresses, funded and registered"
          + " memberships per publishing group. Condition RlnReady tells the step.")
  private RlnStatus rln;
}
