package io.chatnet.operator.network;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.NetworkConditions;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.api.NodeProfile;
import io.chatnet.operator.config.BuildDefaults;
import io.chatnet.operator.naming.Labels;
import io.chatnet.operator.naming.Names;
import io.chatnet.operator.naming.ScrapeNames;
import io.chatnet.operator.rln.RlnBinding;
import io.chatnet.operator.rln.RlnEndpoints;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.VolumeProjectionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicyBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The StatefulSet of one group: Parallel pod management (a 1000-pod group starts at once), no
 * service links (thousands of env vars otherwise), non-root containers, node keys and the network
 * ConfigMap mounted read-only; requests and limits on every container, startup and readiness probes
 * ({@link NodeProbes}), spread over nodes ({@link GroupPlacement}), the group's priority class,
 * pull policy and pull secrets. On an RLN network, {@link RlnGroupPods} adds the RLN flags, the
 * keystore registration and its claim, and holds the replicas at the funded count.
 */
public final class GroupStatefulSet {
  /** Requests and limits DST gave relay pods (REFERENCE.md), used when a group sets none. */
  static final ResourceRequirements NWAKU_RESOURCES =
      new ResourceRequirementsBuilder()
          .addToRequests("cpu", new Quantity("150m"))
          .addToRequests("memory", new Quantity("64Mi"))
          .addToLimits("cpu", new Quantity("400m"))
          .addToLimits("memory", new Quantity("600Mi"))
          .build();

  /**
   * status-backend has no published sizing: requests so the scheduler counts it, limits so one
   * client that runs away cannot starve a node (status-go logged in as one account stays well below
   * them in DST's runs).
   */
  static final ResourceRequirements CLIENT_RESOURCES =
      new ResourceRequirementsBuilder()
          .addToRequests("cpu", new Quantity("100m"))
          .addToRequests("memory", new Quantity("256Mi"))
          .addToLimits("cpu", new Quantity("1"))
          .addToLimits("memory", new Quantity("1Gi"))
          .build();

  /** The netem init container runs tc once and exits: a little, bounded. */
  static final ResourceRequirements NETEM_RESOURCES =
      new ResourceRequirementsBuilder()
          .addToRequests("cpu", new Quantity("10m"))
          .addToRequests("memory", new Quantity("16Mi"))
          .addToLimits("cpu", new Quantity("100m"))
          .addToLimits("memory", new Quantity("64Mi"))
          .build();

  static final long NON_ROOT_UID = 10001;

  /** The init container that sets up tc netem: root with NET_ADMIN (PodPrivileges reports it). */
  static final String NETEM_CONTAINER = "netem";

  static final List<String> NETEM_CAPABILITIES = List.of("NET_ADMIN");

  private GroupStatefulSet() {}

  public static StatefulSet build(
      ChatNetwork network, NodeGroup group, int keyChunks, BuildDefaults defaults) {
    return build(network, group, keyChunks, defaults, Optional.empty());
  }

  /**
   * The group's StatefulSet on an RLN network whose bring-up has reached {@code rln} (empty: no
   * RLN, or not yet bound). Seam between the bring-up (reconciler/RlnStep) and the node side
   * (flags, keystore init container, replicas held at the funded count).
   */
  public static StatefulSet build(
      ChatNetwork network,
      NodeGroup group,
      int keyChunks,
      BuildDefaults defaults,
      Optional<RlnBinding> rln) {
    String name = Names.group(network, group);
    boolean nwaku = group.getKind() == GroupKind.NWAKU;
    List<Volume> volumes = new ArrayList<>();
    volumes.add(
        new VolumeBuilder()
            .withName("network")
            .withNewConfigMap()
            .withName(Names.networkConfig(network))
            .endConfigMap()
            .build());
    volumes.add(new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build());
    if (nwaku) {
      volumes.add(keysVolume(network, group, keyChunks));
    }
    List<Container> initContainers = new ArrayList<>();
    if (group.getNetworkConditions() != null) {
      initContainers.add(netem(group.getNetworkConditions(), defaults));
    }
    Container main =
        nwaku
            ? nwakuContainer(network, group, RlnGroupPods.endpoints(network, group, rln))
            : clientContainer(group);
    main.setStartupProbe(NodeProbes.startup(group));
    List<PersistentVolumeClaim> claims =
        nwaku ? RlnGroupPods.addTo(network, group, rln, main, initContainers, volumes) : List.of();
    if (group.getImagePullPolicy() != null) {
      main.setImagePullPolicy(group.getImagePullPolicy().wire());
      initContainers.forEach(c -> c.setImagePullPolicy(group.getImagePullPolicy().wire()));
    }
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(network.getMetadata().getNamespace())
        .withLabels(Labels.group(network, group))
        .endMetadata()
        .withNewSpec()
        .withReplicas(RlnGroupPods.replicas(network, group, rln))
        .withServiceName(name)
        .withPodManagementPolicy("Parallel")
        .withNewSelector()
        .withMatchLabels(Labels.selector(network, group))
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(Labels.group(network, group))
        .withAnnotations(
            ScrapeNames.annotations(nwaku ? WakuPorts.METRICS : WakuPorts.CLIENT_METRICS))
        .endMetadata()
        .withNewSpec()
        .withEnableServiceLinks(false)
        .withAutomountServiceAccountToken(false)
        .withSecurityContext(
            new PodSecurityContextBuilder()
                .withFsGroup(NON_ROOT_UID)
                .withNewSeccompProfile()
                .withType("RuntimeDefault")
                .endSeccompProfile()
                .build())
        .withNodeSelector(group.getNodeSelector())
        .withTolerations(group.getTolerations())
        .withTopologySpreadConstraints(GroupPlacement.spread(network, group))
        .withPriorityClassName(group.getPriorityClassName())
        .withImagePullSecrets(group.getImagePullSecrets())
        .withInitContainers(initContainers)
        .withContainers(main)
        .withVolumes(volumes)
        .endSpec()
        .endTemplate()
        .withVolumeClaimTemplates(claims)
        // a scaled-down pod's keystore waits for it (scaling up again never re-registers); the
        // network's deletion takes the claims with the StatefulSet
        .withPersistentVolumeClaimRetentionPolicy(
            claims.isEmpty()
                ? null
                : new StatefulSetPersistentVolumeClaimRetentionPolicyBuilder()
                    .withWhenDeleted("Delete")
                    .withWhenScaled("Retain")
                    .build())
        .endSpec()
        .build();
  }

  private static Container nwakuContainer(
      ChatNetwork network, NodeGroup group, Optional<RlnEndpoints> rln) {
    List<EnvVar> env = new ArrayList<>();
    env.add(podIp());
    // The version profile, not the image, says which binary runs; nodeBinary overrides it.
    NodeProfile profile = group.effectiveVersion().node();
    env.add(
        new EnvVar(
            NodeStartScript.BINARY_ENV,
            group.getNodeBinary() != null ? group.getNodeBinary() : profile.binary(),
            null));
    return new ContainerBuilder()
        .withName("node")
        .withImage(group.getImage() != null ? group.getImage() : profile.defaultImage())
        .withCommand("/bin/sh", "-c", NodeStartScript.SCRIPT, "nwaku")
        .withArgs(NwakuArgs.of(network.getSpec(), group, rln))
        .withEnv(env)
        .withPorts(
            port("libp2p", WakuPorts.LIBP2P, "TCP"),
            port("discv5", WakuPorts.DISCV5, "UDP"),
            port("rest", WakuPorts.REST, "TCP"),
            port("metrics", WakuPorts.METRICS, "TCP"))
        .withReadinessProbe(NodeProbes.readiness(group))
        .withResources(group.getResources() != null ? group.getResources() : NWAKU_RESOURCES)
        .withSecurityContext(nonRoot())
        .withVolumeMounts(
            mount("keys", NodeStartScript.KEYS_DIR, true),
            mount("network", NodeStartScript.NETWORK_DIR, true),
            mount("data", "/data", false))
        .build();
  }

  private static Container clientContainer(NodeGroup group) {
    List<String> args = new ArrayList<>(List.of("--address", "0.0.0.0:" + WakuPorts.CLIENT_API));
    args.addAll(group.getExtraArgs());
    return new ContainerBuilder()
        .withName("client")
        .withImage(group.getImage())
        .withArgs(args)
        .withEnv(podIp())
        .withPorts(
            port("api", WakuPorts.CLIENT_API, "TCP"),
            port("metrics", WakuPorts.CLIENT_METRICS, "TCP"))
        .withReadinessProbe(NodeProbes.readiness(group))
        .withResources(group.getResources() != null ? group.getResources() : CLIENT_RESOURCES)
        .withSecurityContext(nonRoot())
        .withVolumeMounts(
            mount("network", NodeStartScript.NETWORK_DIR, true), mount("data", "/data", false))
        .build();
  }

  /**
   * tc netem on eth0 before the node starts. It needs NET_ADMIN and root: the one container that
   * cannot run as non-root, and it exits before the node starts.
   */
  static Container netem(NetworkConditions conditions, BuildDefaults defaults) {
    StringBuilder tc = new StringBuilder("tc qdisc replace dev eth0 root netem");
    if (conditions.getLatencyMillis() != null) {
      tc.append(" delay ").append(conditions.getLatencyMillis()).append("ms");
      if (conditions.getJitterMillis() != null) {
        tc.append(' ').append(conditions.getJitterMillis()).append("ms");
      }
    }
    if (conditions.getLossPercent() != null) {
      tc.append(" loss ")
          .append(String.format(Locale.ROOT, "%.4f", conditions.getLossPercent()))
          .append('%');
    }
    if (conditions.getBandwidthKbit() != null) {
      tc.append(" rate ").append(conditions.getBandwidthKbit()).append("kbit");
    }
    return new ContainerBuilder()
        .withName(NETEM_CONTAINER)
        .withImage(conditions.getImage() != null ? conditions.getImage() : defaults.netemImage())
        .withCommand("/bin/sh", "-c", "set -eu; " + tc + "; tc qdisc show dev eth0")
        .withResources(NETEM_RESOURCES)
        .withSecurityContext(
            new SecurityContextBuilder()
                .withRunAsUser(0L)
                .withRunAsNonRoot(false)
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities()
                .addToDrop("ALL")
                .addToAdd(NETEM_CAPABILITIES.toArray(String[]::new))
                .endCapabilities()
                .build())
        .build();
  }

  private static Volume keysVolume(ChatNetwork network, NodeGroup group, int keyChunks) {
    List<String> names = new ArrayList<>();
    for (int chunk = 0; chunk < keyChunks; chunk++) {
      names.add(Names.keys(network, group, chunk));
    }
    return projectedSecrets("keys", names);
  }

  /** Secrets projected read-only for the pod's user group (0440), as one volume. */
  static Volume projectedSecrets(String volume, List<String> secrets) {
    List<VolumeProjection> sources = new ArrayList<>();
    for (String secret : secrets) {
      sources.add(
          new VolumeProjectionBuilder().withNewSecret().withName(secret).endSecret().build());
    }
    return new VolumeBuilder()
        .withName(volume)
        .withNewProjected()
        .withDefaultMode(0440)
        .withSources(sources)
        .endProjected()
        .build();
  }

  private static SecurityContext nonRoot() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(NON_ROOT_UID)
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities()
        .addToDrop("ALL")
        .endCapabilities()
        .build();
  }

  private static EnvVar podIp() {
    return new EnvVarBuilder()
        .withName("POD_IP")
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath("status.podIP")
        .endFieldRef()
        .endValueFrom()
        .build();
  }

  private static ContainerPort port(String name, int port, String protocol) {
    return new ContainerPortBuilder()
        .withName(name)
        .withContainerPort(port)
        .withProtocol(protocol)
        .build();
  }

  static VolumeMount mount(String volume, String path, boolean readOnly) {
    return new VolumeMountBuilder()
        .withName(volume)
        .withMountPath(path)
        .withReadOnly(readOnly)
        .build();
  }
}
