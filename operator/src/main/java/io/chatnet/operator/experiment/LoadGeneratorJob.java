package io.chatnet.operator.experiment;

import io.chatnet.operator.api.ChatExperiment;
import io.chatnet.operator.api.ChatExperimentSpec;
import io.chatnet.operator.config.BuildDefaults;
import io.chatnet.operator.naming.ExperimentNames;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.naming.ScrapeNames;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;

/**
 * The load generator as one indexed Job: pod i is shard i (JOB_COMPLETION_INDEX). All shards get
 * the same plan and start at its instant, so there is no start skew from pods starting one after
 * another. A failed shard is started again up to spec.loadGenerator.retriesPerShard times
 * (backoffLimitPerIndex): the retry joins the window late, skipping sends already due. Any number
 * of shards may fail without stopping the others (maxFailedIndexes = shards), so a lost shard costs
 * its share of the results, not the run. The Job's deadline stops a run that hangs.
 */
public final class LoadGeneratorJob {
  public static final String PLAN_DIR = "/etc/chatnet/plan";
  public static final int METRICS_PORT = 9400;

  /**
   * The user and group of the load generator image (images/runtime/assemble.sh creates them): the
   * pod asks for the same, so runAsNonRoot holds without relying on the image's metadata.
   */
  public static final long IMAGE_UID = 65532;

  /**
   * The one writable place: the summary goes here, and the JVM's temporary files. The root file
   * system is read-only; the termination message is a file the kubelet mounts itself.
   */
  static final String SCRATCH_DIR = "/tmp";

  /** Seconds the load generator waits for late arrivals after the window (its --grace-seconds). */
  public static final int GRACE_SECONDS = 10;

  static final ResourceRequirements DEFAULT_RESOURCES =
      new ResourceRequirementsBuilder()
          .addToRequests("cpu", new Quantity("500m"))
          .addToRequests("memory", new Quantity("512Mi"))
          .addToLimits("memory", new Quantity("1Gi"))
          .build();

  private LoadGeneratorJob() {}

  /** Seconds from Job creation until the Job is stopped as hung. */
  public static long deadlineSeconds(ChatExperimentSpec spec, BuildDefaults defaults) {
    long run =
        spec.getSetupSeconds()
            + ExperimentTimeline.phaseSeconds(spec)
            + spec.getWarmupSeconds()
            + spec.getDurationSeconds();
    return run
        + GRACE_SECONDS
        + postWindowScrapeWaitSeconds(spec)
        + Math.max(defaults.experimentDeadlineMarginSeconds(), run / 10);
  }

  /**
   * The longest a shard keeps serving its metrics after the window for a scrape to read its last
   * figures (loadgen Main's post-window wait): three scrape intervals.
   */
  public static long postWindowScrapeWaitSeconds(ChatExperimentSpec spec) {
    return 3L * spec.getScrapeIntervalSeconds();
  }

  public static Job build(ChatExperiment experiment, BuildDefaults defaults) {
    ChatExperimentSpec spec = experiment.getSpec();
    int shards = spec.getLoadGenerator().getReplicas();
    String image =
        spec.getLoadGenerator().getImage() != null
            ? spec.getLoadGenerator().getImage()
            : defaults.loadgenImage();
    return new JobBuilder()
        .withNewMetadata()
        .withName(ExperimentNames.job(experiment))
        .withNamespace(experiment.getMetadata().getNamespace())
        .withLabels(ExperimentNames.labels(experiment))
        .endMetadata()
        .withNewSpec()
        .withCompletionMode("Indexed")
        .withCompletions(shards)
        .withParallelism(shards)
        .withBackoffLimitPerIndex(spec.getLoadGenerator().getRetriesPerShard())
        .withMaxFailedIndexes(shards)
        .withActiveDeadlineSeconds(deadlineSeconds(spec, defaults))
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(ExperimentNames.labels(experiment))
        .addToLabels(Labels.ROLE, ScrapeNames.LOADGEN_ROLE)
        .withAnnotations(ScrapeNames.annotations(METRICS_PORT))
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withEnableServiceLinks(false)
        .withAutomountServiceAccountToken(false)
        .withNewSecurityContext()
        .withRunAsNonRoot(true)
        .withRunAsUser(IMAGE_UID)
        .withRunAsGroup(IMAGE_UID)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .endSecurityContext()
        .addNewContainer()
        .withName("loadgen")
        .withImage(image)
        .withArgs(
            "--plan",
            PLAN_DIR + "/" + PlanConfigMap.KEY,
            "--metrics-port",
            String.valueOf(METRICS_PORT),
            "--summary",
            SCRATCH_DIR + "/summary.json",
            "--grace-seconds",
            String.valueOf(GRACE_SECONDS))
        .addNewPort()
        .withName("metrics")
        .withContainerPort(METRICS_PORT)
        .endPort()
        .withTerminationMessagePolicy("File")
        .withResources(
            spec.getLoadGenerator().getResources() != null
                ? spec.getLoadGenerator().getResources()
                : DEFAULT_RESOURCES)
        .withNewSecurityContext()
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .addToDrop("ALL")
        .endCapabilities()
        .endSecurityContext()
        .addNewVolumeMount()
        .withName("plan")
        .withMountPath(PLAN_DIR)
        .withReadOnly(true)
        .endVolumeMount()
        .addNewVolumeMount()
        .withName("tmp")
        .withMountPath(SCRATCH_DIR)
        .endVolumeMount()
        .endContainer()
        .addNewVolume()
        .withName("plan")
        .withNewConfigMap()
        .withName(ExperimentNames.planConfigMap(experiment))
        .endConfigMap()
        .endVolume()
        .addNewVolume()
        .withName("tmp")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
