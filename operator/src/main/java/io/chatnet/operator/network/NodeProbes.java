package io.chatnet.operator.network;

import io.chatnet.operator.api.GroupKind;
import io.chatnet.operator.api.GroupRole;
import io.chatnet.operator.api.NodeGroup;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;

/**
 * Readiness and startup probes of a group's main container.
 *
 * <p>nwaku's REST {@code GET /health} answers 200 with a JSON report whether or not the node has
 * relay peers (waku/waku_api/rest/health/handlers.nim at nwaku v0.36.0,
 * waku/rest_api/endpoint/health/handlers.nim at v0.37.1-beta and logos-delivery v0.38.1: 503 only
 * when the report cannot be built). The report's protocol entry {@code "Relay":"READY"} means at
 * least one connected gossipsub peer, {@code "Relay":"NOT_READY","desc":"No connected peers"} none
 * (getRelayHealth in waku/node/health_monitor/node_health_monitor.nim at all three tags;
 * logos-delivery v0.38.1 tests/wakunode_rest/test_rest_health.nim expects exactly that with status
 * 200). So an HTTP probe only says REST answers: relay and service pods read the body instead, with
 * the release images' busybox wget (alpine:3.18 base in each tag's Dockerfile). Bootstrap pods keep
 * the HTTP probe: they are the first stage, their relay peers arrive only after they are ready.
 */
public final class NodeProbes {
  /** A relay or service node is ready once REST answers and relay has a connected peer. */
  public static final String RELAY_READY_SCRIPT =
      "command -v wget >/dev/null 2>&1 || { echo 'no wget in the image: cannot read /health';"
          + " exit 1; }; body=$(wget -q -T 4 -O - http://127.0.0.1:"
          + WakuPorts.REST
          + "/health) || { echo 'REST /health not answering'; exit 1; };"
          + " echo \"$body\" | grep -Eq '\"Relay\" *: *\"READY\"' && exit 0;"
          + " echo \"relay has no connected peer: $body\" | cut -c1-300; exit 1";

  /** Seconds between startup probes. */
  static final int STARTUP_PERIOD = 5;

  private NodeProbes() {}

  /** The main container's readiness probe. */
  public static Probe readiness(NodeGroup group) {
    if (group.getKind() == GroupKind.NWAKU && group.getRole() != GroupRole.BOOTSTRAP) {
      return new ProbeBuilder()
          .withNewExec()
          .withCommand("/bin/sh", "-c", RELAY_READY_SCRIPT)
          .endExec()
          .withPeriodSeconds(10)
          .withTimeoutSeconds(6)
          .build();
    }
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath("/health")
        .withNewPort(group.getKind() == GroupKind.NWAKU ? "rest" : "api")
        .endHttpGet()
        .withPeriodSeconds(10)
        .build();
  }

  /**
   * A startup probe on REST: until it passes, readiness is not asked, and a node that never gets
   * there is restarted instead of hanging. nwaku's start script waits up to 120 s for its static
   * peers' DNS names before the node starts, so 5 minutes; a store node opens its database first,
   * 10 minutes. status-backend starts in seconds but initialises its data directory, 5 minutes.
   */
  public static Probe startup(NodeGroup group) {
    boolean nwaku = group.getKind() == GroupKind.NWAKU;
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath("/health")
        .withNewPort(nwaku ? "rest" : "api")
        .endHttpGet()
        .withPeriodSeconds(STARTUP_PERIOD)
        .withFailureThreshold(startupSeconds(group) / STARTUP_PERIOD)
        .build();
  }

  /** How long start-up may take before the container is restarted. */
  static int startupSeconds(NodeGroup group) {
    if (group.getKind() != GroupKind.NWAKU) {
      return 300;
    }
    boolean store = group.getRole() == GroupRole.SERVICE && group.effectiveServices().isStore();
    return store ? 600 : 300;
  }
}
