package io.chatnet.operator.reliability;

import io.chatnet.operator.api.ChatExperiment;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything that ever existed, not just what is left: watches on Jobs, ConfigMaps and
 * ChatExperiments of a namespace record every Job and report ConfigMap created (by uid), and every
 * distinct start instant and results an experiment's status ever held. "Exactly one Job per
 * experiment" is a claim about this history; a final list cannot show a Job made twice.
 */
final class ExperimentHistory implements AutoCloseable {
  private final Map<String, Set<String>> uids = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> starts = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> results = new ConcurrentHashMap<>();
  private final List<Watch> watches = new ArrayList<>();

  ExperimentHistory(KubernetesClient client, String namespace) {
    watches.add(client.batch().v1().jobs().inNamespace(namespace).watch(recorder(this::created)));
    watches.add(client.configMaps().inNamespace(namespace).watch(recorder(this::created)));
    watches.add(
        client
            .resources(ChatExperiment.class)
            .inNamespace(namespace)
            .watch(recorder(this::status)));
  }

  private <T extends io.fabric8.kubernetes.api.model.HasMetadata> Watcher<T> recorder(
      java.util.function.Consumer<T> onEvent) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, T resource) {
        if (action != Action.DELETED) {
          onEvent.accept(resource);
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        // a closed watch would hide creations: the trial's checks would pass on too little
        throw new IllegalStateException("history watch closed", cause);
      }
    };
  }

  private void created(io.fabric8.kubernetes.api.model.HasMetadata o) {
    String kind = o instanceof Job ? "Job" : o instanceof ConfigMap ? "ConfigMap" : o.getKind();
    uids.computeIfAbsent(kind + "/" + o.getMetadata().getName(), k -> ConcurrentHashMap.newKeySet())
        .add(o.getMetadata().getUid());
  }

  private void status(ChatExperiment e) {
    if (e.getStatus() == null) {
      return;
    }
    String name = e.getMetadata().getName();
    if (e.getStatus().getPlannedStart() != null) {
      starts
          .computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet())
          .add(e.getStatus().getPlannedStart());
    }
    if (e.getStatus().getResults() != null) {
      results
          .computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet())
          .add(Serialization.asJson(e.getStatus().getResults()));
    }
  }

  /** Distinct objects (uids) of this kind and name ever created. */
  int created(String kind, String name) {
    return uids.getOrDefault(kind + "/" + name, Set.of()).size();
  }

  /** Distinct start instants the experiment's status ever held. */
  Set<String> starts(String experiment) {
    return starts.getOrDefault(experiment, Set.of());
  }

  /** Distinct results the experiment's status ever held. */
  int results(String experiment) {
    return results.getOrDefault(experiment, Set.of()).size();
  }

  @Override
  public void close() {
    watches.forEach(Watch::close);
  }
}
