package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/**
 * Rate-limiting nullifiers (RLN) on the network's relay: a chain with the membership contract, one
 * membership per publishing node, and every relay and service node validating proofs. One epoch
 * length and one limit for the whole network by construction (nodes must agree on the epoch; the
 * contract bounds the limit). See docs/rln.md.
 */
// Which groups publish and the keystore claims' storage class shape the publishing StatefulSets'
// volumeClaimTemplates, which Kubernetes never lets change.
@ValidationRule(
    value =
        "(has(self.keystoreStorageClass) ? self.keystoreStorageClass : '') =="
            + " (has(oldSelf.keystoreStorageClass) ? oldSelf.keystoreStorageClass : '')",
    message =
        "spec.rln.keystoreStorageClass cannot change after creation: it is the storage class of"
            + " the publishing StatefulSets' keystore volumeClaimTemplate, which Kubernetes does"
            + " not let change",
    fieldPath = ".keystoreStorageClass")
@ValidationRule(
    value =
        "(has(self.validatorGroups) ? self.validatorGroups : []) =="
            + " (has(oldSelf.validatorGroups) ? oldSelf.validatorGroups : [])",
    message =
        "spec.rln.validatorGroups cannot change after creation: a group that starts or stops"
            + " publishing gains or loses its keystore volumeClaimTemplate, which a StatefulSet"
            + " cannot",
    fieldPath = ".validatorGroups")
@Data
public class RlnSpec {
  @JsonPropertyDescription(
      "Whether relay and service nodes run RLN (--rln-relay). Bootstrap nodes never do.")
  @Default("false")
  private boolean enabled;

  @JsonPropertyDescription(
      "Messages each membership may publish per epoch (--rln-relay-user-message-limit, and the"
          + " limit each node registers with). The contract accepts 20 to 600.")
  @Min(RlnContractVersion.MIN_USER_MESSAGE_LIMIT)
  @Max(RlnContractVersion.MAX_USER_MESSAGE_LIMIT)
  @Default("20")
  private int userMessageLimit = 20;

  @JsonPropertyDescription(
      "Epoch length in seconds (--rln-relay-epoch-sec), the same on every node. 600 as the"
          + " public harnesses run.")
  @Min(1)
  @Max(86400)
  @Default("600")
  private int epochSeconds = 600;

  @JsonPropertyDescription("The chain holding the membership contract.")
  @Default("{}")
  private RlnChain chain = new RlnChain();

  @JsonPropertyDescription(
      "The RLN contract commit to deploy on the in-network chain, or the one deployed at an"
          + " external chain's contractAddress. logos-rlnv2-contract-8359765e emits RootStored,"
          + " which only logos-delivery v0.38 keystore tools accept; the other two work with every"
          + " supported node version.")
  @Default("waku-rlnv2-contract-e75ac913")
  private RlnContractVersion contract = RlnContractVersion.WAKU_RLNV2_E75AC913;

  @JsonPropertyDescription(
      "Relay or service groups (by name) whose nodes only validate: no membership, no"
          + " registration, cannot publish. All other relay and service groups publish, each"
          + " node with its own membership. Service groups that serve lightpush must publish"
          + " (they attach proofs for light clients).")
  @Size(max = 32)
  private List<String> validatorGroups = new ArrayList<>();

  @JsonPropertyDescription(
      "In-network chain: the image of the contract deploy Job, with foundry and the contract of"
          + " spec.rln.contract built in /contract (images/rln-deploy/Dockerfile). Unset: the"
          + " documented name chatnet/rln-deploy:<first 8 hex of the contract commit>, which the"
          + " user builds and pushes (upstream publishes no such image). Pin it by tag or digest.")
  @Pattern("^[^\\s]+[:@][^\\s]+$")
  private String deployImage;

  @JsonPropertyDescription(
      "StorageClass of each publishing pod's keystore claim (`rln`, 1Mi, ReadWriteOnce), which"
          + " keeps its registered membership across restarts and rescheduling. Absent: the"
          + " cluster's default StorageClass; a cluster without one (and without this field) leaves"
          + " the claims Pending and the pods unscheduled. Fixed at creation, as the StatefulSet's"
          + " volumeClaimTemplates are.")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  private String keystoreStorageClass;
}
