package io.chatnet.operator.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One sample of a soak: when (seconds since the soak began), in which stage (provisioning, loop,
 * drain), the machine's load, the operator's resident memory and heap after a full collection (-1
 * when the collection could not be forced), its memo sizes (chatnet_operator_memo_entries), the
 * objects each of its informers holds (counted from the API server with the informer's own
 * selector), its writes since the previous sample by family (a network's objects and events, an
 * experiment's, anything else), the experiments that finished since the previous sample, and the
 * live networks and experiments.
 */
record SoakSample(
    long seconds,
    String stage,
    double load1,
    long residentBytes,
    long heapAfterGcBytes,
    Map<String, Integer> memos,
    Map<String, Integer> objects,
    int networkWrites,
    int experimentWrites,
    int otherWrites,
    int experimentsFinished,
    int liveNetworks,
    int liveExperiments) {

  static final String LOOP = "loop";
  static final String DRAIN = "drain";
  static final String PROVISIONING = "provisioning";

  static final double MIB = 1024 * 1024;

  /** The tab-separated header for samples whose memos and objects have these keys. */
  static String header(List<String> memoNames, List<String> objectNames) {
    List<String> columns =
        new ArrayList<>(List.of("seconds", "stage", "load1", "rss_mib", "heap_after_gc_mib"));
    memoNames.forEach(m -> columns.add("memo:" + m));
    objectNames.forEach(o -> columns.add("objects:" + o));
    columns.addAll(
        List.of(
            "writes_network",
            "writes_experiment",
            "writes_other",
            "experiments_finished",
            "live_networks",
            "live_experiments"));
    return String.join("\t", columns);
  }

  String line(List<String> memoNames, List<String> objectNames) {
    List<String> cells =
        new ArrayList<>(
            List.of(
                String.valueOf(seconds),
                stage,
                String.format("%.2f", load1),
                String.format("%.1f", residentBytes / MIB),
                heapAfterGcBytes < 0 ? "-1" : String.format("%.1f", heapAfterGcBytes / MIB)));
    memoNames.forEach(m -> cells.add(String.valueOf(memos.getOrDefault(m, -1))));
    objectNames.forEach(o -> cells.add(String.valueOf(objects.getOrDefault(o, -1))));
    cells.addAll(
        List.of(
            String.valueOf(networkWrites),
            String.valueOf(experimentWrites),
            String.valueOf(otherWrites),
            String.valueOf(experimentsFinished),
            String.valueOf(liveNetworks),
            String.valueOf(liveExperiments)));
    return String.join("\t", cells);
  }
}
