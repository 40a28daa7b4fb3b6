package io.chatnet.operator.reliability;

import io.chatnet.operator.api.ChatExperiment;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything that ever existed, not just what is left: informers on Jobs, ConfigMaps and
 * ChatExperiments of a namespace record every Job and report ConfigMap created (by uid), and every
 * distinct start instant and results an experiment's status ever held. "Exactly one Job per
 * experiment" is a claim about this history; a final list cannot show a Job made twice. Informers,
 * not bare watches: after an API server or etcd restart a watch cannot resume from its last
 * resource version (410 Gone), where an informer lists again and carries on.
 */
final class ExperimentHistory implements AutoCloseable {
  private final Map<String, Set<String>> uids = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> starts = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> results = new ConcurrentHashMap<>();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  ExperimentHistory(KubernetesClient client, String namespace) {
    informers.add(
        client.batch().v1().jobs().inNamespace(namespace).inform(recorder(this::created)));
    informers.add(client.configMaps().inNamespace(namespace).inform(recorder(this::created)));
    informers.add(
        client
            .resources(ChatExperiment.class)
            .inNamespace(namespace)
            .inform(recorder(this::status)));
  }

  private <T extends io.fabric8.kubernetes.api.model.HasMetadata> ResourceEventHandler<T> recorder(
      java.util.function.Consumer<T> onEvent) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T resource) {
        onEvent.accept(resource);
      }

      @Override
      public void onUpdate(T before, T resource) {
        onEvent.accept(resource);
      }

      @Override
      public void onDelete(T resource, boolean finalStateUnknown) {}
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
    informers.forEach(SharedIndexInformer::close);
  }
}
