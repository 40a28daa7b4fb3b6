package io.chatnet.operator.preflight;

import io.chatnet.operator.api.CapacityModelRef;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.capacity.CapacityModel;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The model spec.preflight.capacityModel names, from its ConfigMap: the model, or the finding that
 * says which ConfigMap or key is missing or why the text is not a model. Pure apart from the {@code
 * get} it is given (the operator gets one ConfigMap by name, in the network's namespace).
 */
public final class CapacityModelSource {
  private CapacityModelSource() {}

  /** Either a model or a finding. */
  public record Loaded(CapacityModel model, Finding finding) {}

  /**
   * Loads the model and runs {@link PredictedUsageCheck}: adds its findings, notes and summary to
   * the step's lists and returns the predicted usage the capacity check counts. A get the operator
   * is not allowed makes the check unknown (a note), as the step's other reads do.
   */
  static Map<String, ResourceAmounts> check(
      CapacityModelRef ref,
      List<NodeGroup> groups,
      List<GroupDemand> demands,
      List<LimitRange> limitRanges,
      Function<String, ConfigMap> get,
      List<Finding> findings,
      List<String> notes,
      List<String> summaries) {
    Loaded loaded;
    try {
      loaded = load(ref, get);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 403) {
        throw e;
      }
      notes.add("capacity model unknown: the operator may not get ConfigMap " + ref.getConfigMap());
      return Map.of();
    }
    if (loaded.finding() != null) {
      findings.add(loaded.finding());
      return Map.of();
    }
    PredictedUsageCheck.Result result =
        PredictedUsageCheck.check(loaded.model(), ref, groups, demands, limitRanges);
    findings.addAll(result.findings());
    notes.addAll(result.notes());
    if (result.findings().isEmpty()) {
      summaries.add(result.summary());
    }
    return result.usage();
  }

  public static Loaded load(CapacityModelRef ref, Function<String, ConfigMap> get) {
    String where = PredictedUsageCheck.where(ref);
    String skip = ", or set spec.preflight.skipChecks: [capacityModel]";
    ConfigMap map = get.apply(ref.getConfigMap());
    if (map == null) {
      return refused(
          Finding.CAPACITY_MODEL_NOT_FOUND,
          "ConfigMap "
              + ref.getConfigMap()
              + " named by "
              + PredictedUsageCheck.FIELD
              + ".configMap does not exist in the network's namespace. Fix: create it (kubectl"
              + " create configmap "
              + ref.getConfigMap()
              + " --from-file="
              + ref.getKey()
              + "=model.json)"
              + skip);
    }
    String text = map.getData() == null ? null : map.getData().get(ref.getKey());
    if (text == null) {
      return refused(
          Finding.CAPACITY_MODEL_NOT_FOUND,
          "ConfigMap "
              + ref.getConfigMap()
              + " has no key "
              + ref.getKey()
              + " ("
              + PredictedUsageCheck.FIELD
              + ".key; keys: "
              + (map.getData() == null ? "none" : String.join(", ", map.getData().keySet()))
              + "). Fix the key"
              + skip);
    }
    try {
      return new Loaded(CapacityModel.read(text, where), null);
    } catch (IllegalArgumentException e) {
      return refused(
          Finding.CAPACITY_MODEL_UNREADABLE,
          e.getMessage()
              + ". Fix: store model.json as `kubectl chatnet fit --out` writes it"
              + skip);
    }
  }

  private static Loaded refused(String reason, String message) {
    return new Loaded(null, new Finding(reason, message));
  }
}
