package io.chatnet.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;

/**
 * The upstream versions chatnet supports, one vocabulary for nodes and clients: a group's declared
 * version (spec.groups[].version) chooses its profile; nothing is guessed from an image name.
 *
 * <p>nwaku / logos-delivery facts, per tag (commits from git rev-parse):
 *
 * <ul>
 *   <li>Image and binary: every tag's Dockerfile builds MAKE_TARGET=wakunode2 into /usr/local/bin/
 *       and links it as /usr/bin/wakunode, the entrypoint. nwaku releases are published as
 *       wakuorg/nwaku:&lt;tag&gt; (docs/operators/docker-quickstart.md); the logos-delivery v0.38.1
 *       release job (ci/Jenkinsfile.release) pushes harbor.status.im/wakuorg/nwaku with the git tag
 *       as image tag.
 *   <li>--num-shards-in-network defaults: 0 at nwaku v0.36.0 (waku/factory/external_config.nim), 1
 *       at v0.37.1-beta and 0 at logos-delivery v0.38.1 (tools/confutils/cli_args.nim).
 *   <li>--legacy-store: true by default at v0.36.0, false at v0.37.1-beta, gone at v0.38.1.
 *   <li>--mode exists only at logos-delivery v0.38.1, default noMode: "use explicit CLI flags
 *       as-is"; Core would force relay, filter, lightpush, discv5, peer exchange and rendezvous on
 *       (cli_args.nim, toWakuConf). No tag has --entry-layer.
 * </ul>
 */
public enum NodeVersion {
  @JsonProperty("nwaku-v0.36.0")
  NWAKU_V0_36_0(
      "nwaku-v0.36.0",
      GroupKind.NWAKU,
      new Upstream("waku-org/nwaku", "v0.36.0", "7b234ec78ab6b5dc06bcaf5f5ed6f6754c934873"),
      new NodeProfile("wakuorg/nwaku:v0.36.0", "/usr/bin/wakunode", 0, true, false, false)),

  @JsonProperty("nwaku-v0.37.1-beta")
  NWAKU_V0_37_1_BETA(
      "nwaku-v0.37.1-beta",
      GroupKind.NWAKU,
      new Upstream("waku-org/nwaku", "v0.37.1-beta", "bbc089f20e0dd1caef4b9f4987ae0382ec7e562e"),
      new NodeProfile("wakuorg/nwaku:v0.37.1-beta", "/usr/bin/wakunode", 1, true, false, false)),

  @JsonProperty("logos-delivery-v0.38.1")
  LOGOS_DELIVERY_V0_38_1(
      "logos-delivery-v0.38.1",
      GroupKind.NWAKU,
      new Upstream(
          "logos-messaging/logos-delivery", "v0.38.1", "fb30109a220ed3bd453085ab4672eb79c365246d"),
      new NodeProfile(
          "harbor.status.im/wakuorg/nwaku:v0.38.1", "/usr/bin/wakunode", 0, false, true, false)),

  /** status-backend built from status-go at this commit (2024-10-24). */
  @JsonProperty("status-go-c72f4913")
  STATUS_GO_C72F4913(
      "status-go-c72f4913",
      GroupKind.STATUS_BACKEND,
      new Upstream("status-im/status-go", null, "c72f491324909173c83e69c5a86ace7aeb87daaa"),
      null),

  /**
   * status-backend built from status-go b22c58bd: the build DST's harness runs
   * (vacp2p/status-benchmarks deployment/relay/status-backend-relay.yaml @ 877d0a41 pins
   * soutullostatus/status-backend:b22c58bd; docker-utils/status-init/README.md names the full
   * commit). That commit's tree is not readable here: the load generator's profile for it follows
   * the newest status-go files that are (each named, with its commit, in loadgen's ClientProfile
   * and its test resources) and the calls DST's harness makes against this build.
   */
  @JsonProperty("status-go-b22c58bd")
  STATUS_GO_B22C58BD(
      "status-go-b22c58bd",
      GroupKind.STATUS_BACKEND,
      new Upstream("status-im/status-go", null, "b22c58bd3bdd4a387dc09dccba1d866d5ae09adf"),
      null);

  /**
   * The versions of each kind as CEL list literals, for the admission rule on NodeGroup (an
   * annotation needs constants; NodeVersionTest checks they list exactly the enum's ids).
   */
  public static final String NWAKU_IDS_CEL =
      "['nwaku-v0.36.0', 'nwaku-v0.37.1-beta', 'logos-delivery-v0.38.1']";

  public static final String CLIENT_IDS_CEL = "['status-go-c72f4913', 'status-go-b22c58bd']";

  private final String id;
  private final GroupKind kind;
  private final Upstream upstream;
  private final NodeProfile node;

  NodeVersion(String id, GroupKind kind, Upstream upstream, NodeProfile node) {
    this.id = id;
    this.kind = kind;
    this.upstream = upstream;
    this.node = node;
  }

  /**
   * The version of a group that declares none. nwaku: v0.36.0, the image the operator ran before
   * versions existed, so networks created then keep their image across an operator upgrade, and the
   * last final nwaku release on Docker Hub. status-backend: the newer status-go.
   */
  public static NodeVersion defaultFor(GroupKind kind) {
    return kind == GroupKind.NWAKU ? NWAKU_V0_36_0 : STATUS_GO_B22C58BD;
  }

  public static List<NodeVersion> of(GroupKind kind) {
    return Arrays.stream(values()).filter(v -> v.kind == kind).toList();
  }

  /** The id as written in manifests, e.g. nwaku-v0.36.0. */
  public String id() {
    return id;
  }

  public GroupKind kind() {
    return kind;
  }

  public Upstream upstream() {
    return upstream;
  }

  /** The node profile of an nwaku-kind version. */
  public NodeProfile node() {
    if (node == null) {
      throw new IllegalStateException(id + " is a client version, not a node version");
    }
    return node;
  }

  @Override
  public String toString() {
    return id;
  }
}
