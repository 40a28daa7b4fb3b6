package io.chatnet.operator.preflight;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Sysctl;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Pod Security Standards (k8s.io/pod-security-admission/policy) applied to a pod template, the
 * way the PodSecurity admission plugin applies the namespace's enforce level: privileged allows
 * everything; baseline refuses host namespaces, privileged containers, added capabilities beyond
 * its list, hostPath volumes, host ports, non-default procMount, Unconfined seccomp and unsafe
 * sysctls; restricted adds volume types, allowPrivilegeEscalation false, runAsNonRoot, runAsUser
 * not 0, seccomp RuntimeDefault or Localhost, and capabilities drop ALL (add only
 * NET_BIND_SERVICE). Each rule applies from the policy version that introduced it. SELinux and
 * AppArmor options are not checked: the operator's templates never set them. Pure.
 */
public final class PodSecurityCheck {
  public static final String ENFORCE = "pod-security.kubernetes.io/enforce";
  public static final String ENFORCE_VERSION = "pod-security.kubernetes.io/enforce-version";

  /** Capabilities baseline lets a container add. */
  static final Set<String> BASELINE_CAPABILITIES =
      Set.of(
          "AUDIT_WRITE",
          "CHOWN",
          "DAC_OVERRIDE",
          "FOWNER",
          "FSETID",
          "KILL",
          "MKNOD",
          "NET_BIND_SERVICE",
          "SETFCAP",
          "SETGID",
          "SETPCAP",
          "SETUID",
          "SYS_CHROOT");

  static final Set<String> RESTRICTED_VOLUMES =
      Set.of(
          "configMap",
          "csi",
          "downwardAPI",
          "emptyDir",
          "ephemeral",
          "persistentVolumeClaim",
          "projected",
          "secret");

  static final Set<String> SAFE_SYSCTLS =
      Set.of(
          "kernel.shm_rmid_forced",
          "net.ipv4.ip_local_port_range",
          "net.ipv4.ip_unprivileged_port_start",
          "net.ipv4.tcp_syncookies",
          "net.ipv4.ping_group_range",
          "net.ipv4.ip_local_reserved_ports",
          "net.ipv4.tcp_keepalive_time",
          "net.ipv4.tcp_fin_timeout",
          "net.ipv4.tcp_keepalive_intvl",
          "net.ipv4.tcp_keepalive_probes");

  public enum Level {
    PRIVILEGED,
    BASELINE,
    RESTRICTED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A namespace's enforced level and policy version (minor of 1.x; {@code Integer.MAX_VALUE} for
   * latest).
   */
  public record Policy(Level level, int minor, boolean labelled, String versionLabel) {
    /** From the namespace's labels; no label is privileged, the API server's built-in default. */
    public static Policy of(Map<String, String> labels) {
      Map<String, String> l = labels == null ? Map.of() : labels;
      String level = l.get(ENFORCE);
      String version = l.getOrDefault(ENFORCE_VERSION, "latest");
      int minor = Integer.MAX_VALUE;
      var m = java.util.regex.Pattern.compile("^v1\\.(\\d+)$").matcher(version);
      if (m.matches()) {
        minor = Integer.parseInt(m.group(1));
      }
      Level parsed =
          switch (level == null ? "" : level) {
            case "baseline" -> Level.BASELINE;
            case "restricted" -> Level.RESTRICTED;
            default -> Level.PRIVILEGED;
          };
      return new Policy(parsed, minor, level != null, version);
    }

    public String describe() {
      return labelled
          ? level.label() + " (version " + versionLabel + ")"
          : "the namespace has no enforce label (privileged, unless the cluster's admission"
              + " configuration sets a default)";
    }
  }

  private static final io.fabric8.kubernetes.client.utils.KubernetesSerialization JSON =
      new io.fabric8.kubernetes.client.utils.KubernetesSerialization();

  private PodSecurityCheck() {}

  /** One field that breaks the level: where, and which rule. */
  public record Violation(String container, String field, String rule) {
    public String describe() {
      return (container == null ? "pod" : container) + ": " + field + " (" + rule + ")";
    }
  }

  /** What the level would refuse in this pod template; empty when admitted. */
  public static List<Violation> violations(PodSpec pod, Policy policy) {
    List<Violation> v = new ArrayList<>();
    if (policy.level() == Level.PRIVILEGED) {
      return v;
    }
    int minor = policy.minor();
    PodSecurityContext psc = pod.getSecurityContext();
    List<Container> containers =
        Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).toList();
    // baseline
    if (Boolean.TRUE.equals(pod.getHostNetwork())) {
      v.add(new Violation(null, "spec.hostNetwork=true", "baseline: host namespaces"));
    }
    if (Boolean.TRUE.equals(pod.getHostPID())) {
      v.add(new Violation(null, "spec.hostPID=true", "baseline: host namespaces"));
    }
    if (Boolean.TRUE.equals(pod.getHostIPC())) {
      v.add(new Violation(null, "spec.hostIPC=true", "baseline: host namespaces"));
    }
    for (Volume volume : pod.getVolumes()) {
      if (volume.getHostPath() != null) {
        v.add(
            new Violation(
                null, "volume " + volume.getName() + " hostPath", "baseline: hostPath volumes"));
      }
    }
    if (psc != null && psc.getSysctls() != null) {
      for (Sysctl sysctl : psc.getSysctls()) {
        if (!SAFE_SYSCTLS.contains(sysctl.getName())) {
          v.add(new Violation(null, "sysctl " + sysctl.getName(), "baseline: sysctls"));
        }
      }
    }
    if (minor >= 19 && psc != null && unconfined(psc.getSeccompProfile())) {
      v.add(
          new Violation(
              null, "securityContext.seccompProfile.type=Unconfined", "baseline: seccomp"));
    }
    for (Container c : containers) {
      String name = kind(pod, c) + " " + c.getName();
      SecurityContext sc = c.getSecurityContext();
      if (sc != null && Boolean.TRUE.equals(sc.getPrivileged())) {
        v.add(new Violation(name, "securityContext.privileged=true", "baseline: privileged"));
      }
      for (String cap : added(sc)) {
        if (!BASELINE_CAPABILITIES.contains(cap)) {
          v.add(
              new Violation(
                  name, "securityContext.capabilities.add " + cap, "baseline: capabilities"));
        }
      }
      if (c.getPorts() != null) {
        for (ContainerPort port : c.getPorts()) {
          if (port.getHostPort() != null && port.getHostPort() != 0) {
            v.add(
                new Violation(
                    name, "ports hostPort " + port.getHostPort(), "baseline: host ports"));
          }
        }
      }
      if (sc != null && sc.getProcMount() != null && !"Default".equals(sc.getProcMount())) {
        v.add(
            new Violation(
                name, "securityContext.procMount=" + sc.getProcMount(), "baseline: /proc mount"));
      }
      if (minor >= 19 && sc != null && unconfined(sc.getSeccompProfile())) {
        v.add(
            new Violation(
                name, "securityContext.seccompProfile.type=Unconfined", "baseline: seccomp"));
      }
    }
    if (policy.level() == Level.BASELINE) {
      return v;
    }
    // restricted
    for (Volume volume : pod.getVolumes()) {
      String type = volumeType(volume);
      if (!RESTRICTED_VOLUMES.contains(type) && !"hostPath".equals(type)) {
        v.add(
            new Violation(
                null, "volume " + volume.getName() + " " + type, "restricted: volume types"));
      }
    }
    Boolean podNonRoot = psc == null ? null : psc.getRunAsNonRoot();
    if (Boolean.FALSE.equals(podNonRoot)) {
      v.add(new Violation(null, "securityContext.runAsNonRoot=false", "restricted: runAsNonRoot"));
    }
    if (minor >= 23 && psc != null && Long.valueOf(0).equals(psc.getRunAsUser())) {
      v.add(new Violation(null, "securityContext.runAsUser=0", "restricted: runAsUser"));
    }
    boolean podSeccompOk = psc != null && allowedSeccomp(psc.getSeccompProfile());
    for (Container c : containers) {
      String name = kind(pod, c) + " " + c.getName();
      SecurityContext sc = c.getSecurityContext();
      if (minor >= 8 && (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation()))) {
        v.add(
            new Violation(
                name,
                "securityContext.allowPrivilegeEscalation not false",
                "restricted: privilege escalation"));
      }
      Boolean nonRoot = sc == null ? null : sc.getRunAsNonRoot();
      if (Boolean.FALSE.equals(nonRoot) || (nonRoot == null && !Boolean.TRUE.equals(podNonRoot))) {
        v.add(
            new Violation(
                name,
                "securityContext.runAsNonRoot " + (nonRoot == null ? "unset" : "false"),
                "restricted: runAsNonRoot"));
      }
      if (minor >= 23 && sc != null && Long.valueOf(0).equals(sc.getRunAsUser())) {
        v.add(new Violation(name, "securityContext.runAsUser=0", "restricted: runAsUser"));
      }
      if (minor >= 19) {
        SeccompProfile own = sc == null ? null : sc.getSeccompProfile();
        if (own == null ? !podSeccompOk : !allowedSeccomp(own) && !unconfined(own)) {
          v.add(
              new Violation(
                  name,
                  "securityContext.seccompProfile not RuntimeDefault or Localhost",
                  "restricted: seccomp"));
        }
      }
      if (minor >= 22) {
        Capabilities caps = sc == null ? null : sc.getCapabilities();
        if (caps == null || caps.getDrop() == null || !caps.getDrop().contains("ALL")) {
          v.add(
              new Violation(
                  name, "securityContext.capabilities.drop lacks ALL", "restricted: capabilities"));
        }
        for (String cap : added(sc)) {
          if (!"NET_BIND_SERVICE".equals(cap)) {
            v.add(
                new Violation(
                    name, "securityContext.capabilities.add " + cap, "restricted: capabilities"));
          }
        }
      }
    }
    return v;
  }

  private static String kind(PodSpec pod, Container c) {
    return pod.getInitContainers().contains(c) ? "init container" : "container";
  }

  private static List<String> added(SecurityContext sc) {
    return sc == null || sc.getCapabilities() == null || sc.getCapabilities().getAdd() == null
        ? List.of()
        : sc.getCapabilities().getAdd();
  }

  private static boolean unconfined(SeccompProfile profile) {
    return profile != null && "Unconfined".equals(profile.getType());
  }

  private static boolean allowedSeccomp(SeccompProfile profile) {
    return profile != null
        && ("RuntimeDefault".equals(profile.getType()) || "Localhost".equals(profile.getType()));
  }

  private static String volumeType(Volume v) {
    Map<?, ?> fields = JSON.convertValue(v, Map.class);
    return fields.keySet().stream()
        .map(String::valueOf)
        .filter(k -> !k.equals("name"))
        .findFirst()
        .orElse("unknown");
  }

  /** One finding per group the namespace's level would refuse. */
  static List<Finding> findings(String namespace, Policy policy, List<GroupDemand> demands) {
    List<Finding> findings = new ArrayList<>();
    for (GroupDemand d : demands) {
      if (d.added() == 0) {
        continue;
      }
      List<Violation> violations = violations(d.pod(), policy);
      if (violations.isEmpty()) {
        continue;
      }
      boolean netem =
          d.group().getNetworkConditions() != null
              && violations.stream()
                  .anyMatch(v -> v.container() != null && v.container().endsWith(" netem"));
      StringBuilder m = new StringBuilder();
      m.append("namespace ")
          .append(namespace)
          .append(" enforces Pod Security ")
          .append(policy.describe())
          .append(", which refuses the pods of ")
          .append(d.describe())
          .append(": ")
          .append(String.join(", ", violations.stream().map(Violation::describe).toList()))
          .append(".");
      if (netem) {
        m.append(" ")
            .append(d.field())
            .append(
                ".networkConditions adds the netem init container,"
                    + " which runs tc as root with NET_ADMIN (only the privileged level allows it).");
      }
      m.append(" Fix: kubectl label namespace ")
          .append(namespace)
          .append(" pod-security.kubernetes.io/enforce=privileged --overwrite");
      if (netem) {
        m.append(", or drop ").append(d.field()).append(".networkConditions");
      }
      m.append(", or set spec.preflight.skipChecks: [podSecurity]");
      findings.add(new Finding(Finding.POD_SECURITY, m.toString()));
    }
    return findings;
  }
}
