package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Resource use and bandwidth of one node group over the measured window. */
public class GroupMetrics {
  @JsonPropertyDescription("The group's name in the ChatNetwork.")
  private String name;

  @JsonPropertyDescription("The group's role (bootstrap, relay, service, desktop, mobile).")
  private String role;

  @JsonPropertyDescription("CPU use per node, in cores.")
  private Distribution cpuCores;

  @JsonPropertyDescription("Resident memory per node, in bytes.")
  private Distribution memoryBytes;

  @JsonPropertyDescription("Bytes per second received per node.")
  private Distribution bandwidthInBytesPerSecond;

  @JsonPropertyDescription("Bytes per second sent per node.")
  private Distribution bandwidthOutBytesPerSecond;

  @JsonPropertyDescription("Connected libp2p peers per node (nwaku groups).")
  private Distribution peers;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getRole() {
    return role;
  }

  public void setRole(String role) {
    this.role = role;
  }

  public Distribution getCpuCores() {
    return cpuCores;
  }

  public void setCpuCores(Distribution cpuCores) {
    this.cpuCores = cpuCores;
  }

  public Distribution getMemoryBytes() {
    return memoryBytes;
  }

  public void setMemoryBytes(Distribution memoryBytes) {
    this.memoryBytes = memoryBytes;
  }

  public Distribution getBandwidthInBytesPerSecond() {
    return bandwidthInBytesPerSecond;
  }

  public void setBandwidthInBytesPerSecond(Distribution bandwidthInBytesPerSecond) {
    this.bandwidthInBytesPerSecond = bandwidthInBytesPerSecond;
  }

  public Distribution getBandwidthOutBytesPerSecond() {
    return bandwidthOutBytesPerSecond;
  }

  public void setBandwidthOutBytesPerSecond(Distribution bandwidthOutBytesPerSecond) {
    this.bandwidthOutBytesPerSecond = bandwidthOutBytesPerSecond;
  }

  public Distribution getPeers() {
    return peers;
  }

  public void setPeers(Distribution peers) {
    this.peers = peers;
  }
}
