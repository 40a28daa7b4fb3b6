package io.chatnet.operator.experiment;

import io.chatnet.contract.Figures;
import io.chatnet.operator.api.TrafficResult;
import java.util.TreeMap;

/**
 * Adds the shards' RLN refusals to a traffic kind's result. A summary without refusals (written
 * before the load generator counted them: contract versions 1 and 2 as first written) adds nothing
 * and leaves them absent when no shard counted them: absent, never zero.
 */
final class RefusalMerge {
  private RefusalMerge() {}

  static void add(TrafficResult result, Figures figures) {
    if (figures.refused() == null) {
      return;
    }
    result.setRefused((result.getRefused() == null ? 0 : result.getRefused()) + figures.refused());
    if (figures.refusedBySender() != null && !figures.refusedBySender().isEmpty()) {
      if (result.getRefusedBySender() == null) {
        result.setRefusedBySender(new TreeMap<>());
      }
      figures
          .refusedBySender()
          .forEach((k, v) -> result.getRefusedBySender().merge(k, v, Long::sum));
    }
  }

  /** refused / (sent + failed + refused), once every shard is added; null when not counted. */
  static void share(TrafficResult result) {
    Long refused = result.getRefused();
    if (refused == null) {
      return;
    }
    long attempted = result.getSent() + result.getFailed() + refused;
    result.setRefusedShare(attempted == 0 ? null : (double) refused / attempted);
  }
}
