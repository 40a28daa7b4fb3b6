package io.chatnet.operator.rln;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.naming.Labels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the bring-up's Jobs share: labels that let the operator watch them (chatnet.io/rln), one
 * shell container that reports through its termination message, no retry storm, no service account
 * token, non-root without privilege escalation or capabilities, and the deployer's key only as an
 * environment variable read from a Secret (never in args or literal env values).
 */
public final class RlnJobs {
  /** Label naming what an RLN object is: chain, deploy, fund or deployer. */
  public static final String RLN_LABEL = "chatnet.io/rln";

  /** Annotations of a funding Job: the first and last ordinal it funds. */
  public static final String FROM_ANNOTATION = "chatnet.io/rln-from";

  public static final String TO_ANNOTATION = "chatnet.io/rln-to";

  /** The Job's one container, whose termination message the operator reads. */
  public static final String CONTAINER = "rln";

  public static final String TERMINATION_LOG = "/dev/termination-log";

  /** The Secret key and env name holding the deployer's private key. */
  public static final String DEPLOYER_KEY = "DEPLOYER_KEY";

  /**
   * anvil's account 0 (default test mnemonic "test test ... junk", index 0): the chain pre-funds it
   * and the deploy scripts make it the token's owner. Published by foundry, but still kept in a
   * Secret so no manifest, status or log carries a key (rln.md section 1: deployer =
   * 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266).
   */
  static final String ANVIL_ACCOUNT_0_KEY =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  /** A uid the foundry images run as (their user foundry is uid 1000). */
  static final long RUN_AS = 1000;

  private RlnJobs() {}

  public static Map<String, String> labels(ChatNetwork network, String what) {
    Map<String, String> labels = new LinkedHashMap<>(Labels.network(network));
    labels.put(RLN_LABEL, what);
    return labels;
  }

  public static String deployerSecretName(ChatNetwork network) {
    return network.getMetadata().getName() + "-rln-deployer";
  }

  /** The in-network chain's deployer key (anvil account 0), for the deploy and funding Jobs. */
  public static Secret deployerSecret(ChatNetwork network) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(deployerSecretName(network))
        .withNamespace(network.getMetadata().getNamespace())
        .withLabels(labels(network, "deployer"))
        .endMetadata()
        .withType("Opaque")
        .withData(
            Map.of(
                DEPLOYER_KEY,
                Base64.getEncoder()
                    .encodeToString(ANVIL_ACCOUNT_0_KEY.getBytes(StandardCharsets.US_ASCII))))
        .build();
  }

  static EnvVar env(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  static EnvVar deployerKey(ChatNetwork network) {
    return new EnvVarBuilder()
        .withName(DEPLOYER_KEY)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(deployerSecretName(network))
        .withKey(DEPLOYER_KEY)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  /**
   * A Job of one shell container running {@code script}. backoffLimit 1: one retry for a lost pod;
   * a failing script fails the step, named in RlnReady, rather than retrying for minutes.
   */
  static Job job(
      ChatNetwork network,
      String name,
      Map<String, String> labels,
      Map<String, String> annotations,
      String image,
      String workingDir,
      String script,
      List<EnvVar> env,
      List<Volume> volumes,
      List<VolumeMount> mounts) {
    List<Volume> allVolumes = new ArrayList<>(volumes);
    allVolumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
    List<VolumeMount> allMounts = new ArrayList<>(mounts);
    allMounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
    List<EnvVar> allEnv = new ArrayList<>(env);
    // foundry keeps caches under $HOME; the image's home may not be writable by this uid
    allEnv.add(env("HOME", "/tmp"));
    Container container =
        new ContainerBuilder()
            .withName(CONTAINER)
            .withImage(image)
            .withWorkingDir(workingDir)
            .withCommand("sh", "-c", script)
            .withEnv(allEnv)
            .withVolumeMounts(allMounts)
            .withTerminationMessagePath(TERMINATION_LOG)
            // the script writes its outputs or its error there; never fall back to logs
            .withTerminationMessagePolicy("File")
            .withNewResources()
            .addToRequests("cpu", new Quantity("100m"))
            .addToRequests("memory", new Quantity("256Mi"))
            .addToLimits("memory", new Quantity("1Gi"))
            .endResources()
            .withNewSecurityContext()
            .withAllowPrivilegeEscalation(false)
            .withRunAsNonRoot(true)
            .withRunAsUser(RUN_AS)
            .withRunAsGroup(RUN_AS)
            .withNewCapabilities()
            .withDrop("ALL")
            .endCapabilities()
            .withNewSeccompProfile()
            .withType("RuntimeDefault")
            .endSeccompProfile()
            .endSecurityContext()
            .build();
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(network.getMetadata().getNamespace())
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(1)
        .withActiveDeadlineSeconds(900L)
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy("Never")
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withNewSecurityContext()
        .withFsGroup(RUN_AS)
        .endSecurityContext()
        .withContainers(container)
        .withVolumes(allVolumes)
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
