package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/** Resource use and bandwidth of one node group over the measured window. */
@Data
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
}
