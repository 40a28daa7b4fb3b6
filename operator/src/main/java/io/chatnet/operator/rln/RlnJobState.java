package io.chatnet.operator.rln;

import io.chatnet.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the bring-up reads off its Jobs and the chain Deployment (pure). */
public final class RlnJobState {
  private RlnJobState() {}

  static Optional<Job> roundFrom(List<Job> jobs, String group, int from) {
    return jobs.stream()
        .filter(j -> group.equals(j.getMetadata().getLabels().get(Labels.GROUP)))
        .filter(j -> Integer.toString(from).equals(annotation(j, RlnJobs.FROM_ANNOTATION)))
        .findFirst();
  }

  static String annotation(Job job, String key) {
    Map<String, String> a = job.getMetadata().getAnnotations();
    return a == null ? null : a.get(key);
  }

  static int to(Job job) {
    return Integer.parseInt(annotation(job, RlnJobs.TO_ANNOTATION));
  }

  static String range(Job job) {
    return annotation(job, RlnJobs.FROM_ANNOTATION) + ".." + annotation(job, RlnJobs.TO_ANNOTATION);
  }

  public static Optional<JobCondition> condition(Job job, String type) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  public static boolean available(Optional<Deployment> chain) {
    return chain
        .map(Deployment::getStatus)
        .map(s -> s.getAvailableReplicas() != null && s.getAvailableReplicas() > 0)
        .orElse(false);
  }

  /** Whether the Job reached Complete or Failed. */
  public static boolean finished(Job job) {
    return condition(job, "Complete").isPresent() || failed(job);
  }

  public static boolean failed(Job job) {
    return condition(job, "Failed").isPresent();
  }
}
