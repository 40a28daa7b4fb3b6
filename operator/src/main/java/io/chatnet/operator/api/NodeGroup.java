package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    value = "self.kind == 'nwaku' || !has(self.nodeBinary)",
    message = "nodeBinary applies to nwaku groups only",
    fieldPath = ".nodeBinary")
@ValidationRule(
    value = "self.role != 'bootstrap' || self.replicas > 0",
    message = "a bootstrap group needs at least one replica",
    fieldPath = ".replicas")
public class NodeGroup {
  @JsonPropertyDescription(
      "Group name, unique in the network; pods are named <network>-<group>-<ordinal>.")
  @Required
  @Size(min = 1, max = 20)
  @Pattern("^[a-z]([-a-z0-9]*[a-z0-9])?$")
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
      "Container image. nwaku groups default to the operator's configured nwaku image;"
          + " status-backend groups must name one.")
  @Size(min = 1, max = 512)
  private String image;

  @JsonPropertyDescription(
      "nwaku only: path of the node binary in the image. By default the first of"
          + " logosdeliverynode (logos-delivery images, v0.39 on) and /usr/bin/wakunode found.")
  @Size(min = 1, max = 256)
  @Pattern("^/?[A-Za-z0-9._/-]+$")
  private String nodeBinary;

  @JsonPropertyDescription(
      "Extra command-line arguments appended after the ones the operator sets (later flags win"
          + " in nwaku).")
  @Size(max = 64)
  private List<String> extraArgs = new ArrayList<>();

  @JsonPropertyDescription("Service nodes only: which protocols they serve.")
  private ServiceProtocols services;

  @JsonPropertyDescription("CPU and memory requests and limits of the main container.")
  private ResourceRequirements resources;

  @JsonPropertyDescription("Node selector for the group's pods.")
  private Map<String, String> nodeSelector;

  @JsonPropertyDescription("Tolerations for the group's pods.")
  private List<Toleration> tolerations;

  @JsonPropertyDescription(
      "Network conditions applied inside each pod with tc netem by an init container.")
  private NetworkConditions networkConditions;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public GroupKind getKind() {
    return kind;
  }

  public void setKind(GroupKind kind) {
    this.kind = kind;
  }

  public GroupRole getRole() {
    return role;
  }

  public void setRole(GroupRole role) {
    this.role = role;
  }

  public int getReplicas() {
    return replicas;
  }

  public void setReplicas(int replicas) {
    this.replicas = replicas;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public String getNodeBinary() {
    return nodeBinary;
  }

  public void setNodeBinary(String nodeBinary) {
    this.nodeBinary = nodeBinary;
  }

  public List<String> getExtraArgs() {
    return extraArgs;
  }

  public void setExtraArgs(List<String> extraArgs) {
    this.extraArgs = extraArgs;
  }

  /** The protocols this group serves: as given, or all of them when not given. */
  public ServiceProtocols effectiveServices() {
    return services != null ? services : new ServiceProtocols();
  }

  public ServiceProtocols getServices() {
    return services;
  }

  public void setServices(ServiceProtocols services) {
    this.services = services;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public NetworkConditions getNetworkConditions() {
    return networkConditions;
  }

  public void setNetworkConditions(NetworkConditions networkConditions) {
    this.networkConditions = networkConditions;
  }
}
