package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/** Figures read from Prometheus over exactly the measured window (warm-up excluded). */
@Data
public class MetricsResults {
  @JsonPropertyDescription("Start of the queried window (RFC 3339): planned start plus warm-up.")
  private String windowStart;

  @JsonPropertyDescription("End of the queried window (RFC 3339).")
  private String windowEnd;

  @JsonPropertyDescription("Bytes per second received per nwaku node, over all nwaku nodes.")
  private Distribution bandwidthInBytesPerSecond;

  @JsonPropertyDescription("Bytes per second sent per nwaku node, over all nwaku nodes.")
  private Distribution bandwidthOutBytesPerSecond;

  @JsonPropertyDescription("Connected libp2p peers per nwaku node.")
  private Distribution peers;

  @JsonPropertyDescription("Waku relay messages seen by all nwaku nodes in the window.")
  private Long wakuMessages;

  @JsonPropertyDescription(
      "Relay payload bytes per pubsub topic over all nwaku nodes: the chats' shard and any other,"
          + " such as status-go's Communities shard, which shows how clean the isolation was.")
  private List<RelayTopicBytes> relayTopics = new ArrayList<>();

  @JsonPropertyDescription("Per node group: CPU, memory, bandwidth, peers.")
  private List<GroupMetrics> groups = new ArrayList<>();

  @JsonPropertyDescription("Per traffic kind and client kind: counts, delivery and latency.")
  private List<TrafficMetrics> traffic = new ArrayList<>();

  @JsonPropertyDescription(
      "Baseline cost of the client groups over exactly the idle phase (spec.idle.seconds): CPU and"
          + " memory per pod, averaged over the phase, per status-backend group (one client kind"
          + " each); bandwidth and peers stay absent, status-backend does not expose them.")
  private List<GroupMetrics> idleBaseline = new ArrayList<>();

  @JsonPropertyDescription(
      "RLN figures of the network's nodes (validation, spam, proofs); absent without RLN series.")
  private RlnMetrics rln;
}
