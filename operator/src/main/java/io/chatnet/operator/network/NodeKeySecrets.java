package io.chatnet.operator.network;

import io.chatnet.operator.api.ChatNetwork;
import io.chatnet.operator.api.NodeGroup;
import io.chatnet.operator.identity.NodeKey;
import io.chatnet.operator.naming.Names;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;

/**
 * The node keys of an nwaku group, one entry per ordinal ({@code "17"} holds pod 17's key in hex,
 * as nwaku's --nodekey takes it). A Secret holds at most {@value #KEYS_PER_SECRET} keys so it stays
 * under the 1 MiB object limit; a group of 20,000 nodes has three.
 */
public final class NodeKeySecrets {
  public static final int KEYS_PER_SECRET = ChunkedKeySecrets.KEYS_PER_SECRET;
  private static final ChunkedKeySecrets SECRETS =
      new ChunkedKeySecrets(
          (seed, group, ordinal) -> NodeKey.derive(seed, group, ordinal).privateKeyHex(),
          Names::keys,
          false);

  private NodeKeySecrets() {}

  static int keySetsCached() {
    return SECRETS.keySetsCached();
  }

  public static int chunks(int replicas) {
    return ChunkedKeySecrets.chunks(replicas);
  }

  /** The names {@link #build} gives the group's Secrets. */
  public static List<String> names(ChatNetwork network, NodeGroup group) {
    return SECRETS.names(network, group);
  }

  public static List<Secret> build(ChatNetwork network, NodeGroup group) {
    return SECRETS.build(network, group);
  }
}
