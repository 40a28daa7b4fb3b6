package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lombok.Data;

/** One group of identical pods: a StatefulSet and its headless Service. */
@ValidationRule(
    value =
        "self.kind == 'nwaku' ? self.role in ['bootstrap', 'relay', 'service'] : self.role in"
            + " ['desktop', 'mobile']",
    message =
        "role must match kind: nwaku groups are bootstrap, relay or service; status-backend groups"
            + " are desktop or mobile",
    fieldPath = ".role")
@ValidationRule(
    value = "self.role == 'service' || !has(self.services)",
    message = "services (store, filter, lightpush, peerExchange) apply to role service only",
    fieldPath = ".services")
@ValidationRule(
    value = "self.kind == 'nwaku' || has(self.image)",
    message =
        "status-backend groups need an image: status-go publishes none (build target"
            + " status-backend)",
    fieldPath = ".image")
@ValidationRule(
    value = "self.kind == 'nwaku' || !has(self.maxConnections)",
    message = "maxConnections applies to nwaku groups only",
    fieldPath = ".maxConnections")
@ValidationRule(
    value = "self.kind == 'nwaku' || !has(self.nodeBinary)",
    message = "nodeBinary applies to nwaku groups only",
    fieldPath = ".nodeBinary")
@ValidationRule(
    value =
        "!has(self.version) || (self.kind == 'nwaku' ? self.version in "
            + NodeVersion.NWAKU_IDS_CEL
            + " : self.version in "
            + NodeVersion.CLIENT_IDS_CEL
            + ")",
    message =
        "version must match kind: nwaku groups run nwaku-v0.36.0, nwaku-v0.37.1-beta or"
            + " logos-delivery-v0.38.1; status-backend groups run status-go-c72f4913 or"
            + " status-go-b22c58bd",
    fieldPath = ".version")
// status-go c72f4913 joins only the fleets compiled into it (params/config.go SetFleet loads
// config/cli/fleet-<name>.json), so it can never reach a chatnet network's own fleet.
@ValidationRule(
    value = "!has(self.version) || self.version != 'status-go-c72f4913'",
    message =
        "status-go-c72f4913 cannot join a chatnet network: that build joins only the fleets"
            + " compiled into it, not the network's fleet file; use status-go-b22c58bd",
    fieldPath = ".version")
// The flag is compared the way nwaku parses it (see ManagedFlags.PATTERN).
@ValidationRule(
    value =
        "self.kind != 'nwaku' || !has(self.extraArgs) || !self.extraArgs.exists(a,"
            + " a.lowerAscii().replace('_', '').matches('"
            + ManagedFlags.PATTERN
            + "'))",
    message = "extraArgs must not set a flag the operator manages",
    messageExpression =
        "'extraArgs must not set flags the operator manages (use the spec fields instead): ' +"
            + " self.extraArgs.filter(a, a.lowerAscii().replace('_', '').matches('"
            + ManagedFlags.PATTERN
            + "'))[0]",
    fieldPath = ".extraArgs")
@ValidationRule(
    value = "self.role != 'bootstrap' || self.replicas > 0",
    message = "a bootstrap group needs at least one replica",
    fieldPath = ".replicas")
@ValidationRule(
    value = "self.name.matches('" + NameRules.RFC1035_LABEL + "')",
    message =
        "a group name must start with a lowercase letter, contain only lowercase letters, digits"
            + " and hyphens and end with a letter or digit: it names the StatefulSet and headless"
            + " Service <network>-<group>, and a Service name is an RFC 1035 label",
    messageExpression =
        "'group name ' + self.name + ' cannot name the children of the group: a group name must"
            + " start with a lowercase letter, contain only lowercase letters, digits and hyphens"
            + " (no dots) and end with a letter or digit, because it names the StatefulSet and"
            + " headless Service <network>-<group>, and a Service name is an RFC 1035 label'",
    fieldPath = ".name")
// A threshold is a count (0 to replicas) or a whole percentage: anything else could never be met
// or would be read two ways.
@ValidationRule(
    value =
        "!has(self.readyThreshold) || type(self.readyThreshold) != string ||"
            + " self.readyThreshold.matches('^(100|[1-9]?[0-9])%$')",
    message =
        "readyThreshold must be a count of pods (an integer) or a whole percentage from 0% to"
            + " 100%, such as \"98%\"",
    fieldPath = ".readyThreshold")
@ValidationRule(
    value =
        "!has(self.readyThreshold) || type(self.readyThreshold) == string ||"
            + " (int(self.readyThreshold) >= 0 && int(self.readyThreshold) <= self.replicas)",
    message = "readyThreshold as a count must be between 0 and replicas",
    fieldPath = ".readyThreshold")
@Data
public class NodeGroup {
  @JsonPropertyDescription(
      "Group name, unique in the network; pods are named <network>-<group>-<ordinal>. At most 20"
          + " characters, lowercase letters, digits and hyphens, starting with a letter and"
          + " ending with a letter or digit (it names a Service).")
  @Required
  @Size(min = 1, max = NameRules.GROUP_NAME_MAX)
  private String name;

  @JsonPropertyDescription("What the pods run: nwaku or status-backend.")
  @Required
  private GroupKind kind;

  @JsonPropertyDescription(
      "nwaku: bootstrap (discv5 entry points), relay, or service (store, filter, lightpush, peer"
          + " exchange for light clients). status-backend: desktop (relay mode) or mobile (light"
          + " client).")
  @Required
  private GroupRole role;

  @JsonPropertyDescription("Number of pods. Scaling up or down works in place.")
  @Required
  @Min(0)
  @Max(100000)
  private int replicas;

  @JsonPropertyDescription(
      "Upstream version the pods run. It fixes the flags the operator passes and, for nwaku"
          + " groups, the default image and binary. nwaku groups: nwaku-v0.36.0 (default),"
          + " nwaku-v0.37.1-beta or logos-delivery-v0.38.1. status-backend groups:"
          + " status-go-b22c58bd (default), handed to the load generator (status-go-c72f4913 is"
          + " known but refused: it cannot join the network's fleet)."
          + " An image given in image must be of this version.")
  private NodeVersion version;

  @JsonPropertyDescription(
      "Container image. nwaku groups default to their version's release image, pinned by tag;"
          + " status-backend groups must name one.")
  @Size(min = 1, max = 512)
  @ValidationRule(
      value = ImageReference.RULE,
      message = "image " + ImageReference.MESSAGE,
      messageExpression = ImageReference.MESSAGE_EXPRESSION)
  private String image;

  static final String LABEL_KEY_OK = "!format.qualifiedName().validate(k).hasValue()";
  static final String LABEL_VALUE_OK = "!format.labelValue().validate(self[k]).hasValue()";

  @JsonPropertyDescription(
      "nwaku only: path of the node binary in the image, instead of the version's"
          + " (/usr/bin/wakunode in every supported release image).")
  @Size(min = 1, max = 256)
  @Pattern("^/?[A-Za-z0-9._/-]+$")
  private String nodeBinary;

  @JsonPropertyDescription(
      "Extra command-line arguments appended after the ones the operator sets. For nwaku groups"
          + " they must not set a flag the operator manages (cluster, shards, ports, discovery,"
          + " protocols, keys: see docs/compatibility.md).")
  // Bounds keep the admission rule below within the API server's CEL cost budget.
  @Size(max = 32)
  private List<@Size(max = 160) String> extraArgs = new ArrayList<>();

  @JsonPropertyDescription(
      "nwaku only: connection budget of each node (--max-connections; half of it for relay"
          + " peers, --relay-service-ratio=50:50). Default 150, logos-delivery v0.38.1's default,"
          + " for every version; with static discovery at least 3 x degree + 3, so that a node"
          + " keeps all its neighbours. At least 24: nwaku needs 12 relay slots.")
  @Min(24)
  @Max(100000)
  private Integer maxConnections;

  @JsonPropertyDescription("Service nodes only: which protocols they serve.")
  private ServiceProtocols services;

  @JsonPropertyDescription(
      "CPU and memory requests and limits of the main container, as Kubernetes quantities"
          + " (500m, 2, 512Mi, 1G); requests must not exceed limits.")
  @SchemaFrom(type = ContainerResources.class)
  private ResourceRequirements resources;

  @JsonPropertyDescription(
      "Node selector for the group's pods: label keys and values, as Kubernetes labels have them.")
  @Size(max = 32)
  @ValidationRule(
      value = "self.all(k, " + NodeGroup.LABEL_KEY_OK + ")",
      message =
          "nodeSelector keys must be label keys (an optional DNS subdomain prefix and '/',"
              + " then a name of at most 63 characters)",
      messageExpression =
          "'key ' + self.filter(k, !("
              + NodeGroup.LABEL_KEY_OK
              + "))[0] + ' is not a label key: an optional DNS subdomain prefix and a slash, then"
              + " a name of at most 63 characters, letters, digits, hyphens, underscores and dots, starting and ending with a letter or digit'")
  @ValidationRule(
      value = "self.all(k, " + NodeGroup.LABEL_VALUE_OK + ")",
      message = "nodeSelector values must be label values (at most 63 characters)",
      messageExpression =
          "self.filter(k, !("
              + NodeGroup.LABEL_VALUE_OK
              + ")).map(k, 'value ' + self[k] + ' of key ' + k + ' is not a label value: at most 63"
              + " characters, letters, digits, hyphens, underscores and dots, starting and ending with a letter or digit, or empty')[0]")
  private Map<String, @Size(max = 63) String> nodeSelector;

  @JsonPropertyDescription(
      "Tolerations for the group's pods, checked as pod validation checks them.")
  @Size(max = 32)
  @SchemaFrom(type = TolerationSchema[].class)
  private List<Toleration> tolerations;

  @JsonPropertyDescription(
      "Network conditions applied inside each pod with tc netem by an init container.")
  private NetworkConditions networkConditions;

  @JsonPropertyDescription(
      "Ready pods the group needs for the network to be Ready and for the next start stage to"
          + " begin: a count (0 to replicas) or a percentage such as \"95%\", rounded up to whole"
          + " pods (98% of 50 is 49, of 10 is 10). Default: every pod for bootstrap and service"
          + " groups, 98% for relay, desktop and mobile groups.")
  // maxLength bounds a string's cost in the CEL rules above; it does not apply to integers.
  @Size(max = 4)
  private IntOrString readyThreshold;

  @JsonPropertyDescription(
      "How the group's pods spread over nodes. Not given: one rule, kubernetes.io/hostname with"
          + " maxSkew 1 and ScheduleAnyway (a preference, so small clusters still run every pod)."
          + " An empty list turns spreading off.")
  @Size(max = 4)
  private List<TopologySpread> topologySpread;

  @JsonPropertyDescription(
      "PriorityClass of the group's pods (it must exist in the cluster), e.g. to keep bootstrap"
          + " and service nodes from being preempted by clients.")
  @Size(min = 1, max = 253)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")
  private String priorityClassName;

  @JsonPropertyDescription(
      "Pull policy of every container of the group (Always, IfNotPresent, Never). Not given:"
          + " Kubernetes' default (IfNotPresent for the pinned tags).")
  private ImagePullPolicy imagePullPolicy;

  @JsonPropertyDescription(
      "Secrets (docker-registry type, in the network's namespace) used to pull the group's"
          + " images.")
  @Size(max = 8)
  private List<LocalObjectReference> imagePullSecrets;

  /** The declared version, or the default of the group's kind. */
  public NodeVersion effectiveVersion() {
    return version != null ? version : NodeVersion.defaultFor(kind);
  }

  /** The protocols this group serves: as given, or all of them when not given. */
  public ServiceProtocols effectiveServices() {
    return services != null ? services : new ServiceProtocols();
  }
}
